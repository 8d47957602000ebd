import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { PipelineArtifactBucket, pipelineArtifactBucketName } from "../../../src/modules/delivery/artifact-bucket";
import { ImageBuildProject } from "../../../src/modules/delivery/build-project";
import { ContainerRegistry } from "../../../src/modules/delivery/container-registry";
import { HelmDeployProject, helmDeployProjectName } from "../../../src/modules/delivery/deploy-project";
import { GitHubConnection } from "../../../src/modules/delivery/github-connection";
import { DeliveryPipeline } from "../../../src/modules/delivery/pipeline";
import { RegistryReplication } from "../../../src/modules/delivery/registry-replication";
import { RegionalKey } from "../../../src/modules/security/kms-key";
import { Namer } from "../../../src/naming";
import { sampleReleaseValues } from "../../support/app-release";

/** The primary region's delivery modules, and a pipeline naming the DR region's by convention. */
export function deliveryStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "delivery");
  new AwsProvider(stack, "aws", { region: "us-east-2" });
  const accountId = "111122223333";
  const region = "us-east-2";
  const namer = new Namer("titan", "primary", "acme");
  const drNamer = namer.forScope("dr");
  const appName = "birthday-app";

  const key = new RegionalKey(stack, "Key", {
    aliasName: "titan-primary-data",
    description: "titan primary data key",
    region,
    accountId,
  });
  const registry = new ContainerRegistry(stack, "Registry", { appName, kmsKeyArn: key.arn, imageRetentionCount: 30 });
  new RegistryReplication(stack, "Replication", { appName, destinationRegion: "us-west-1", accountId });
  const artifacts = new PipelineArtifactBucket(stack, "Artifacts", { namer, kmsKeyArn: key.arn });
  const repositories = {
    imageRepositoryUrl: registry.imageRepositoryUrl,
    chartRepositoryUrl: registry.chartRepositoryUrl,
    imageRepositoryArn: registry.imageRepositoryArn,
    chartRepositoryArn: registry.chartRepositoryArn,
  };
  const common = { namer, region, accountId, appName, artifactBucketArn: artifacts.arn, kmsKeyArn: key.arn };
  const build = new ImageBuildProject(stack, "Build", { ...common, ...repositories, logRetentionDays: 90 });
  const deploy = new HelmDeployProject(stack, "Deploy", {
    ...common,
    ...repositories,
    clusterName: namer.name("eks", "eksCluster"),
    kubernetesVersion: "1.35",
    logRetentionDays: 90,
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2", "subnet-0ccccccccccccccc3"],
    releaseValues: sampleReleaseValues("primary"),
  });
  const connection = new GitHubConnection(stack, "GitHub", { namer });
  new DeliveryPipeline(stack, "Pipeline", {
    namer,
    accountId,
    connectionArn: connection.arn,
    githubOwner: "birthday-app",
    githubRepo: "birthday-app",
    branch: "main",
    chartRepo: { owner: "birthday-app", repo: "titan", branch: "main" },
    primaryRegion: region,
    primaryArtifactBucketName: artifacts.bucketName,
    primaryKmsKeyArn: key.arn,
    buildProjectName: build.projectName,
    primaryDeployProjectName: deploy.projectName,
    drRegion: "us-west-1",
    drArtifactBucketName: pipelineArtifactBucketName(drNamer),
    drKmsKeyArn: `arn:aws:kms:us-west-1:${accountId}:alias/titan-dr-data`,
    drDeployProjectName: helmDeployProjectName(drNamer),
    approvalTopicArn: `arn:aws:sns:us-east-2:${accountId}:titan-primary-approvals`,
  });
  return stack;
}
