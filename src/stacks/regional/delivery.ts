import type { Construct } from "constructs";
import { PipelineArtifactBucket } from "../../modules/delivery/artifact-bucket";
import { ImageBuildProject } from "../../modules/delivery/build-project";
import { ContainerRegistry } from "../../modules/delivery/container-registry";
import { HelmDeployProject } from "../../modules/delivery/deploy-project";
import { GitHubConnection } from "../../modules/delivery/github-connection";
import { RegistryReplication } from "../../modules/delivery/registry-replication";
import type { Network } from "../../modules/network/network";
import type { RegionContext } from "./context";

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
  network: Network,
  clusterName: string,
): RegionalDelivery {
  const { config, namer } = ctx;
  const appName = config.app.name;
  const registry = new ContainerRegistry(scope, "Registry", {
    appName,
    kmsKeyArn: ctx.key.arn,
    imageRetentionCount: config.delivery.imageRetentionCount,
  });
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
  const deploy = new HelmDeployProject(scope, "HelmDeploy", {
    ...shared,
    clusterName,
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
