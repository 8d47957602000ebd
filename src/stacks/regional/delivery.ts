import type { Construct } from "constructs";
import { regionState } from "../../config";
import { EksCluster } from "../../modules/compute/eks-cluster";
import { SERVICE_ACCOUNTS } from "../../modules/compute/service-accounts";
import { PipelineArtifactBucket } from "../../modules/delivery/artifact-bucket";
import { ImageBuildProject } from "../../modules/delivery/build-project";
import { ContainerRegistry } from "../../modules/delivery/container-registry";
import { HelmDeployProject } from "../../modules/delivery/deploy-project";
import { GitHubConnection } from "../../modules/delivery/github-connection";
import { RegistryReplication } from "../../modules/delivery/registry-replication";
import { appReleaseValues } from "../../modules/k8s/app-release-values";
import { buildFromConfig } from "../from-config";
import type { RegionContext, RegionParts } from "./context";
import { databaseHostname } from "./data-tier";

export interface RegionalDelivery {
  readonly registry: ContainerRegistry;
  readonly artifacts: PipelineArtifactBucket;
  readonly deploy: HelmDeployProject;
  readonly build?: ImageBuildProject;
  readonly connection?: GitHubConnection;
}

/**
 * What each region contributes to delivery: its ECR repositories, the pipeline's artifact store
 * in the region, and a helm deploy project inside its VPC (the cluster endpoint is private).
 * Primary also owns the image build, the GitHub connection and ECR replication to DR. The pipeline
 * joining them lives in the cross-region stack, applied after both regions.
 */
export function buildDelivery(
  scope: Construct,
  ctx: RegionContext,
  parts: Pick<RegionParts, "foundation" | "dataTier" | "web">,
): RegionalDelivery {
  const { config, namer } = ctx;
  const { network } = parts.foundation;
  const { redis, redisAccess } = parts.dataTier;
  const appName = config.app.name;
  const registry = buildFromConfig(
    ContainerRegistry,
    scope,
    "Registry",
    { appName, kmsKeyArn: ctx.key.arn, imageRetentionCount: config.delivery.imageRetentionCount },
    { appName: "app.name", imageRetentionCount: "delivery.imageRetentionCount" },
  );
  const artifacts = new PipelineArtifactBucket(scope, "PipelineArtifacts", { namer, kmsKeyArn: ctx.key.arn });
  const shared = {
    namer,
    region: ctx.region.region,
    accountId: ctx.accountId,
    appName,
    imageRepositoryUrl: registry.imageRepositoryUrl,
    chartRepositoryUrl: registry.chartRepositoryUrl,
    imageRepositoryArn: registry.imageRepositoryArn,
    chartRepositoryArn: registry.chartRepositoryArn,
    artifactBucketArn: artifacts.arn,
    kmsKeyArn: ctx.key.arn,
    logRetentionDays: config.observability.logRetentionDays,
  };
  const releaseValues = appReleaseValues({
    region: ctx.region.region,
    scaling: config.app.scaling,
    replicas: config.app.scaling.replicas[regionState(config, ctx.role)],
    imageRepositoryUrl: registry.imageRepositoryUrl,
    serviceAccountName: SERVICE_ACCOUNTS.app.name,
    containerPort: config.app.port,
    healthCheckPath: config.app.healthCheckPath,
    targetGroupArn: parts.web.alb.podTargetGroup.arn,
    dbHost: databaseHostname(config.domain.internalZoneName),
    dbName: config.database.databaseName,
    dbUser: config.database.appUsername,
    cacheHost: redis.primaryEndpoint,
    cacheUser: redisAccess.appUserId,
    cacheReplicationGroupId: redis.replicationGroupId,
  });
  const deploy = new HelmDeployProject(scope, "HelmDeploy", {
    ...shared,
    releaseValues,
    clusterName: EksCluster.clusterNameFor(namer),
    kubernetesVersion: config.kubernetes.version,
    vpcId: network.vpcId,
    subnetIds: network.privateSubnetIds,
  });
  if (ctx.role !== "primary") {
    return { registry, artifacts, deploy };
  }
  new RegistryReplication(scope, "RegistryReplication", {
    appName,
    destinationRegion: config.regions.dr.region,
    accountId: ctx.accountId,
  });
  const build = new ImageBuildProject(scope, "ImageBuild", shared);
  const connection = new GitHubConnection(scope, "GitHubConnection", { namer });
  return { registry, artifacts, deploy, build, connection };
}
