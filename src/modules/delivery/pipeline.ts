import { Codepipeline, type CodepipelineStage } from "@cdktf/provider-aws/lib/codepipeline";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { AWS_REGION, KMS_KEY_ARN } from "../../validation/aws-identifiers";
import { PropChecks } from "../../validation/prop-checks";
import { codeBuildProjectArn } from "./codebuild-role";
import { PipelineRole } from "./pipeline-role";

/** How a new execution treats one already running. */
export type PipelineExecutionMode = "QUEUED" | "SUPERSEDED";

export interface DeliveryPipelineProps {
  readonly namer: Namer;
  readonly accountId: string;
  /** The GitHub connection (its ARN ends in a generated id: look it up by name). */
  readonly connectionArn: string;
  readonly githubOwner: string;
  readonly githubRepo: string;
  /** Pushes to this branch start the pipeline. */
  readonly branch: string;
  /**
   * The repository holding the app's Helm chart in `helm-chart/` (titan's own), read through the
   * same connection; a push touching the chart on `chartBranch` starts a release too.
   */
  readonly chartRepo: { readonly owner: string; readonly repo: string; readonly branch: string };
  /** The pipeline's own region, where it builds and first deploys. */
  readonly primaryRegion: string;
  readonly primaryArtifactBucketName: string;
  /** Key ARN or alias ARN of the primary region's customer key. */
  readonly primaryKmsKeyArn: string;
  readonly buildProjectName: string;
  readonly primaryDeployProjectName: string;
  readonly drRegion: string;
  readonly drArtifactBucketName: string;
  /** Key ARN or alias ARN of the DR region's customer key. */
  readonly drKmsKeyArn: string;
  readonly drDeployProjectName: string;
  /** SNS topic told when a release waits for approval. @default - approvers are not notified */
  readonly approvalTopicArn?: string;
  /**
   * SUPERSEDED lets a newer release overtake one waiting for approval, so a pending DR approval
   * never holds a fix back from the primary region; QUEUED runs releases strictly one at a time.
   * @default "SUPERSEDED"
   */
  readonly executionMode?: PipelineExecutionMode;
}

/** Where the app's chart lives in the chart repository (this one). */
export const CHART_DIRECTORY = "helm-chart";

/** The stages, in the order a release goes through them. */
export const DELIVERY_STAGES = ["Source", "Build", "DeployPrimary", "Approve", "DeployDR"] as const;

/**
 * The delivery pipeline (CodePipeline V2): GitHub push, build, deploy to the primary region,
 * manual approval, deploy to the DR region. The pipeline is the only owner of the app's release:
 * it builds the image from the app's repository and packages the chart from `helm-chart/` of
 * this repository (a second source action), so the infrastructure's contract with the app is
 * versioned, tested and released in one place.
 *
 * WHY this shape: DR is deployed by the same release and the same chart as the primary, but only
 * after someone has seen it healthy there, so a bad release never reaches both regions at once.
 * The DR deploy runs in the DR region (a cross-region action) against the DR cluster and the DR
 * replicas of the image and chart, so CodePipeline keeps an artifact store in each region. It
 * belongs in a stack deployed after both regional stacks: it only refers to their projects,
 * buckets and keys by name. Changes are detected by a V2 push trigger on the branch (a trigger
 * replaces the source action's default change detection).
 */
export class DeliveryPipeline extends Construct {
  readonly pipeline: Codepipeline;
  readonly role: PipelineRole;
  readonly stageNames: readonly string[];

  constructor(scope: Construct, id: string, props: DeliveryPipelineProps) {
    super(scope, id);
    const executionMode = props.executionMode ?? "SUPERSEDED";
    validate(this, props);

    this.role = new PipelineRole(this, "Role", {
      roleName: props.namer.name("delivery-pipeline", "iamRole"),
      accountId: props.accountId,
      connectionArn: props.connectionArn,
      projectArns: [
        codeBuildProjectArn(props.primaryRegion, props.accountId, props.buildProjectName),
        codeBuildProjectArn(props.primaryRegion, props.accountId, props.primaryDeployProjectName),
        codeBuildProjectArn(props.drRegion, props.accountId, props.drDeployProjectName),
      ],
      artifactStores: [
        { bucketName: props.primaryArtifactBucketName, kmsKeyArn: props.primaryKmsKeyArn },
        { bucketName: props.drArtifactBucketName, kmsKeyArn: props.drKmsKeyArn },
      ],
      approvalTopicArn: props.approvalTopicArn,
    });

    const stages = deliveryStages(props);
    this.pipeline = new Codepipeline(this, "Resource", {
      name: props.namer.name("delivery", "codePipeline"),
      pipelineType: "V2",
      executionMode,
      roleArn: this.role.arn,
      artifactStore: [
        artifactStore(props.primaryRegion, props.primaryArtifactBucketName, props.primaryKmsKeyArn),
        artifactStore(props.drRegion, props.drArtifactBucketName, props.drKmsKeyArn),
      ],
      stage: stages,
      trigger: [
        {
          providerType: "CodeStarSourceConnection",
          gitConfiguration: { sourceActionName: "Source", push: [{ branches: { includes: [props.branch] } }] },
        },
        {
          providerType: "CodeStarSourceConnection",
          gitConfiguration: {
            sourceActionName: "ChartSource",
            push: [
              {
                branches: { includes: [props.chartRepo.branch] },
                filePaths: { includes: [`${CHART_DIRECTORY}/**`] },
              },
            ],
          },
        },
      ],
      // The permissions before the pipeline: a push may start it as soon as it exists.
      dependsOn: [this.role.policy],
    });
    this.stageNames = stages.map((stage) => stage.name);
  }
}

function deliveryStages(props: DeliveryPipelineProps): CodepipelineStage[] {
  const codeBuild = { category: "Build", owner: "AWS", provider: "CodeBuild", version: "1" };
  const releaseVariables = JSON.stringify([
    { name: "COMMIT_ID", value: "#{SourceVariables.CommitId}", type: "PLAINTEXT" },
    { name: "CHART_COMMIT_ID", value: "#{ChartSourceVariables.CommitId}", type: "PLAINTEXT" },
  ]);
  const stages: CodepipelineStage[] = [
    {
      name: "Source",
      action: [
        {
          name: "Source",
          category: "Source",
          owner: "AWS",
          provider: "CodeStarSourceConnection",
          version: "1",
          namespace: "SourceVariables",
          outputArtifacts: ["source"],
          configuration: {
            ConnectionArn: props.connectionArn,
            FullRepositoryId: `${props.githubOwner}/${props.githubRepo}`,
            BranchName: props.branch,
            OutputArtifactFormat: "CODE_ZIP",
          },
        },
        {
          name: "ChartSource",
          category: "Source",
          owner: "AWS",
          provider: "CodeStarSourceConnection",
          version: "1",
          namespace: "ChartSourceVariables",
          outputArtifacts: ["chart"],
          configuration: {
            ConnectionArn: props.connectionArn,
            FullRepositoryId: `${props.chartRepo.owner}/${props.chartRepo.repo}`,
            BranchName: props.chartRepo.branch,
            OutputArtifactFormat: "CODE_ZIP",
          },
        },
      ],
    },
    {
      name: "Build",
      action: [
        {
          ...codeBuild,
          name: "ImageAndChart",
          namespace: "BuildVariables",
          // The app's repository is the primary source (the Dockerfile); this repository's chart
          // arrives at $CODEBUILD_SRC_DIR_chart.
          inputArtifacts: ["source", "chart"],
          outputArtifacts: ["release"],
          configuration: {
            ProjectName: props.buildProjectName,
            PrimarySource: "source",
            EnvironmentVariables: releaseVariables,
          },
        },
      ],
    },
    {
      name: "DeployPrimary",
      action: [
        {
          ...codeBuild,
          name: "HelmUpgrade",
          region: props.primaryRegion,
          inputArtifacts: ["release"],
          configuration: { ProjectName: props.primaryDeployProjectName },
        },
      ],
    },
    {
      name: "Approve",
      action: [
        {
          name: "PromoteToDR",
          category: "Approval",
          owner: "AWS",
          provider: "Manual",
          version: "1",
          configuration: {
            CustomData: `Release is live in ${props.primaryRegion}. Approve to deploy it to ${props.drRegion}.`,
            ...(props.approvalTopicArn ? { NotificationArn: props.approvalTopicArn } : {}),
          },
        },
      ],
    },
    {
      name: "DeployDR",
      action: [
        {
          ...codeBuild,
          name: "HelmUpgrade",
          region: props.drRegion,
          inputArtifacts: ["release"],
          configuration: { ProjectName: props.drDeployProjectName },
        },
      ],
    },
  ];
  return stages;
}

function artifactStore(region: string, bucketName: string, kmsKeyArn: string) {
  return { type: "S3", region, location: bucketName, encryptionKey: { type: "KMS", id: kmsKeyArn } };
}

function validate(scope: Construct, props: DeliveryPipelineProps): void {
  new PropChecks(scope)
    .matches("primaryRegion", props.primaryRegion, AWS_REGION)
    .matches("drRegion", props.drRegion, AWS_REGION)
    .require(
      props.primaryRegion !== props.drRegion,
      "drRegion",
      `is "${props.drRegion}", the primary region too; the DR deploy must run in another region`,
    )
    .matches("primaryKmsKeyArn", props.primaryKmsKeyArn, KMS_KEY_ARN)
    .matches("drKmsKeyArn", props.drKmsKeyArn, KMS_KEY_ARN)
    .require(props.branch.trim() !== "", "branch", "is empty; name the branch whose pushes release the app")
    .throwIfAny();
}
