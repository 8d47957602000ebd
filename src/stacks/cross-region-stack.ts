import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsCodestarconnectionsConnection } from "@cdktf/provider-aws/lib/data-aws-codestarconnections-connection";
import { DataAwsKmsAlias } from "@cdktf/provider-aws/lib/data-aws-kms-alias";
import type { Construct } from "constructs";
import { pipelineArtifactBucketName } from "../modules/delivery/artifact-bucket";
import { imageBuildProjectName } from "../modules/delivery/build-project";
import { helmDeployProjectName } from "../modules/delivery/deploy-project";
import { gitHubConnectionName } from "../modules/delivery/github-connection";
import { DeliveryPipeline } from "../modules/delivery/pipeline";
import { AlarmTopic } from "../modules/observability/alarm-topic";
import { BucketReplication } from "../modules/storage/bucket-replication";
import { LogArchiveBucket } from "../modules/storage/log-buckets";
import { dataKeyAlias } from "./regional/context";
import { awsProvider, TitanStack, type TitanStackProps } from "./stack-base";

/**
 * Wiring that needs both regions to exist: replication of primary's log archive into DR's, and
 * the delivery pipeline that deploys to both regions' clusters.
 *
 * Why a stack of its own: S3 refuses a replication rule whose destination bucket does not exist
 * yet, so the rule cannot be applied with `primary` (which goes first); and in `dr` it would put
 * a us-east-2 resource into the stack operators apply during a us-east-2 outage, where its
 * refresh would fail the plan. Here it is applied last, and nobody needs it during a failover.
 */
export class CrossRegionStack extends TitanStack {
  readonly logReplication: BucketReplication;
  readonly pipeline: DeliveryPipeline;

  constructor(scope: Construct, id: string, props: TitanStackProps) {
    super(scope, id, props.config, { nameScope: "primary", stateRole: "primary", backend: props.backend });
    const { config } = props;
    awsProvider(this, config, { region: config.regions.primary.region, scope: "primary" });
    const drProvider = awsProvider(this, config, { region: config.regions.dr.region, scope: "primary", alias: "dr" });

    const drNamer = this.namer.forScope("dr");
    const sourceKey = new DataAwsKmsAlias(this, "PrimaryDataKey", { name: `alias/${dataKeyAlias(this.namer)}` });
    const destinationKey = new DataAwsKmsAlias(this, "DrDataKey", {
      provider: drProvider,
      name: `alias/${dataKeyAlias(drNamer)}`,
    });
    const sourceBucket = LogArchiveBucket.bucketName(this.namer);
    this.logReplication = new BucketReplication(this, "LogReplication", {
      namer: this.namer,
      sourceBucketName: sourceBucket,
      sourceBucketArn: `arn:aws:s3:::${sourceBucket}`,
      sourceKmsKeyArn: sourceKey.targetKeyArn,
      sourceRegion: config.regions.primary.region,
      destinationBucketArn: `arn:aws:s3:::${LogArchiveBucket.bucketName(drNamer)}`,
      destinationKmsKeyArn: destinationKey.targetKeyArn,
      destinationRegion: config.regions.dr.region,
    });

    // Every part of the pipeline is found by the name its regional stack gave it.
    const accountId = new DataAwsCallerIdentity(this, "Account").accountId;
    const connection = new DataAwsCodestarconnectionsConnection(this, "GitHubConnection", {
      name: gitHubConnectionName(this.namer),
    });
    this.pipeline = new DeliveryPipeline(this, "Pipeline", {
      namer: this.namer,
      accountId,
      connectionArn: connection.arn,
      githubOwner: config.delivery.githubOwner,
      githubRepo: config.delivery.githubRepo,
      branch: config.delivery.branch,
      chartRepo: {
        owner: config.delivery.githubOwner,
        repo: config.delivery.chartRepo,
        branch: config.delivery.chartBranch,
      },
      primaryRegion: config.regions.primary.region,
      primaryArtifactBucketName: pipelineArtifactBucketName(this.namer),
      primaryKmsKeyArn: sourceKey.targetKeyArn,
      buildProjectName: imageBuildProjectName(this.namer),
      primaryDeployProjectName: helmDeployProjectName(this.namer),
      drRegion: config.regions.dr.region,
      drArtifactBucketName: pipelineArtifactBucketName(drNamer),
      drKmsKeyArn: destinationKey.targetKeyArn,
      drDeployProjectName: helmDeployProjectName(drNamer),
      approvalTopicArn: `arn:aws:sns:${config.regions.primary.region}:${accountId}:${AlarmTopic.topicName(this.namer)}`,
    });
  }
}
