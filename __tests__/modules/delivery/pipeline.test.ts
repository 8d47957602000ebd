import { Codepipeline } from "@cdktf/provider-aws/lib/codepipeline";
import { Testing } from "cdktf";
import { DELIVERY_STAGES, DeliveryPipeline, type DeliveryPipelineProps } from "../../../src/modules/delivery/pipeline";
import { keyUseStatement } from "../../../src/modules/security/grants";
import { Namer } from "../../../src/naming";
import { leastPrivilegeViolations, permissionStatements, statement } from "./iam";

const CONNECTION =
  "arn:aws:codestar-connections:us-east-2:111122223333:connection/0f1e2d3c-aaaa-bbbb-cccc-1234567890ab";
const PRIMARY_KEY = "arn:aws:kms:us-east-2:111122223333:key/11111111-1111-1111-1111-111111111111";
const DR_KEY = "arn:aws:kms:us-west-1:111122223333:key/22222222-2222-2222-2222-222222222222";
const TOPIC = "arn:aws:sns:us-east-2:111122223333:titan-primary-approvals";

const baseProps: DeliveryPipelineProps = {
  namer: new Namer("titan", "primary"),
  accountId: "111122223333",
  connectionArn: CONNECTION,
  githubOwner: "birthday-app",
  githubRepo: "birthday-app",
  branch: "main",
  chartRepo: { owner: "birthday-app", repo: "titan", branch: "main" },
  primaryRegion: "us-east-2",
  primaryArtifactBucketName: "titan-primary-pipeline-artifacts",
  primaryKmsKeyArn: PRIMARY_KEY,
  buildProjectName: "titan-primary-image-build",
  primaryDeployProjectName: "titan-primary-helm-deploy",
  drRegion: "us-west-1",
  drArtifactBucketName: "titan-dr-pipeline-artifacts",
  drKmsKeyArn: DR_KEY,
  drDeployProjectName: "titan-dr-helm-deploy",
};

function synth(props: Partial<DeliveryPipelineProps> = {}): string {
  return Testing.synthScope((scope) => {
    new DeliveryPipeline(scope, "Pipeline", { ...baseProps, ...props });
  });
}

interface Action {
  name: string;
  category: string;
  provider: string;
  region?: string;
  input_artifacts?: string[];
  output_artifacts?: string[];
  configuration: Record<string, string>;
}
interface SynthesizedPipeline {
  name: string;
  pipeline_type: string;
  execution_mode: string;
  artifact_store: { location: string; region: string; type: string; encryption_key: { id: string; type: string } }[];
  stage: { name: string; action: Action[] }[];
  trigger: unknown[];
}

function pipelineOf(json: string): SynthesizedPipeline {
  return Object.values(JSON.parse(json).resource.aws_codepipeline as Record<string, SynthesizedPipeline>)[0];
}

function action(pipeline: SynthesizedPipeline, stage: string): Action {
  const found = pipeline.stage.find((candidate) => candidate.name === stage);
  if (!found) {
    throw new Error(`no stage ${stage}`);
  }
  return found.action[0];
}

describe("DeliveryPipeline", () => {
  const json = synth();
  const pipeline = pipelineOf(json);

  it("is a V2 pipeline whose newer releases overtake ones waiting for approval", () => {
    expect(pipeline).toMatchObject({
      name: "titan-primary-delivery",
      pipeline_type: "V2",
      execution_mode: "SUPERSEDED",
    });
    expect(pipelineOf(synth({ executionMode: "QUEUED" })).execution_mode).toBe("QUEUED");
  });

  it("goes Source, Build, DeployPrimary, Approve, DeployDR, in that order", () => {
    expect(pipeline.stage.map((stage) => stage.name)).toEqual([
      "Source",
      "Build",
      "DeployPrimary",
      "Approve",
      "DeployDR",
    ]);
    Testing.synthScope((scope) => {
      expect(new DeliveryPipeline(scope, "Pipeline", baseProps).stageNames).toEqual([...DELIVERY_STAGES]);
    });
  });

  it("keeps an encrypted artifact store in each region it acts in", () => {
    expect(pipeline.artifact_store).toEqual(
      expect.arrayContaining([
        {
          type: "S3",
          region: "us-east-2",
          location: "titan-primary-pipeline-artifacts",
          encryption_key: { type: "KMS", id: PRIMARY_KEY },
        },
        {
          type: "S3",
          region: "us-west-1",
          location: "titan-dr-pipeline-artifacts",
          encryption_key: { type: "KMS", id: DR_KEY },
        },
      ]),
    );
    expect(pipeline.artifact_store).toHaveLength(2);
  });

  it("reads the branch of the app repository through the GitHub connection as a zip", () => {
    expect(action(pipeline, "Source")).toMatchObject({
      name: "Source",
      provider: "CodeStarSourceConnection",
      output_artifacts: ["source"],
      configuration: {
        ConnectionArn: CONNECTION,
        FullRepositoryId: "birthday-app/birthday-app",
        BranchName: "main",
        OutputArtifactFormat: "CODE_ZIP",
      },
    });
  });

  it("reads this repository's helm-chart/ as a second source, through the same connection", () => {
    const [, chart] = pipeline.stage[0].action;
    expect(chart).toMatchObject({
      name: "ChartSource",
      output_artifacts: ["chart"],
      namespace: "ChartSourceVariables",
      configuration: { ConnectionArn: CONNECTION, FullRepositoryId: "birthday-app/titan", BranchName: "main" },
    });
  });

  it("starts on a push to the app's branch, or to the chart on the chart's branch", () => {
    expect(json).toHaveResourceWithProperties(Codepipeline, {
      trigger: [
        {
          provider_type: "CodeStarSourceConnection",
          git_configuration: { source_action_name: "Source", push: [{ branches: { includes: ["main"] } }] },
        },
        {
          provider_type: "CodeStarSourceConnection",
          git_configuration: {
            source_action_name: "ChartSource",
            push: [{ branches: { includes: ["main"] }, file_paths: { includes: ["helm-chart/**"] } }],
          },
        },
      ],
    });
  });

  it("builds with the commit id, then deploys the release file in each region with its own project", () => {
    const build = action(pipeline, "Build");
    expect(build).toMatchObject({
      provider: "CodeBuild",
      input_artifacts: ["source", "chart"],
      output_artifacts: ["release"],
      configuration: { ProjectName: "titan-primary-image-build", PrimarySource: "source" },
    });
    expect(JSON.parse(build.configuration.EnvironmentVariables)).toEqual([
      { name: "COMMIT_ID", value: "#{SourceVariables.CommitId}", type: "PLAINTEXT" },
      { name: "CHART_COMMIT_ID", value: "#{ChartSourceVariables.CommitId}", type: "PLAINTEXT" },
    ]);
    expect(action(pipeline, "DeployPrimary")).toMatchObject({
      provider: "CodeBuild",
      region: "us-east-2",
      input_artifacts: ["release"],
      configuration: { ProjectName: "titan-primary-helm-deploy" },
    });
    expect(action(pipeline, "DeployDR")).toMatchObject({
      provider: "CodeBuild",
      region: "us-west-1",
      input_artifacts: ["release"],
      configuration: { ProjectName: "titan-dr-helm-deploy" },
    });
  });

  it("waits for a manual approval, telling the approval topic when one is given", () => {
    expect(action(pipeline, "Approve")).toMatchObject({ category: "Approval", provider: "Manual" });
    expect(action(pipeline, "Approve").configuration.NotificationArn).toBeUndefined();
    const notified = synth({ approvalTopicArn: TOPIC });
    expect(action(pipelineOf(notified), "Approve").configuration.NotificationArn).toBe(TOPIC);
    expect(statement(notified, "NotifyApprovers")).toMatchObject({ actions: ["sns:Publish"], resources: [TOPIC] });
    expect(permissionStatements(json).map((candidate) => candidate.sid)).not.toContain("NotifyApprovers");
  });

  it("may start only the three projects, use only the connection, both buckets and both keys", () => {
    expect(statement(json, "RunProjects").resources).toEqual([
      "arn:aws:codebuild:us-east-2:111122223333:project/titan-primary-image-build",
      "arn:aws:codebuild:us-east-2:111122223333:project/titan-primary-helm-deploy",
      "arn:aws:codebuild:us-west-1:111122223333:project/titan-dr-helm-deploy",
    ]);
    expect(statement(json, "ReadAppRepository")).toMatchObject({
      actions: ["codeconnections:UseConnection", "codestar-connections:UseConnection"],
      resources: [CONNECTION],
    });
    expect(statement(json, "ReadAndWriteArtifacts").resources).toEqual([
      "arn:aws:s3:::titan-primary-pipeline-artifacts/*",
      "arn:aws:s3:::titan-dr-pipeline-artifacts/*",
    ]);
    expect(statement(json, "UseArtifactKey1").resources).toEqual([PRIMARY_KEY]);
    expect(statement(json, "UseArtifactKey2").resources).toEqual([DR_KEY]);
    expect(leastPrivilegeViolations(permissionStatements(json))).toEqual([]);
  });

  it("accepts alias ARNs for the keys, granting keys that carry the alias", () => {
    const aliasArn = "arn:aws:kms:us-west-1:111122223333:alias/titan-dr-data";
    expect(
      keyUseStatement("UseDrKey", aliasArn, ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"]),
    ).toEqual({
      sid: "UseDrKey",
      actions: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"],
      resources: ["arn:aws:kms:us-west-1:111122223333:key/*"],
      condition: [
        { test: "ForAnyValue:StringEquals", variable: "kms:ResourceAliases", values: ["alias/titan-dr-data"] },
      ],
    });
    const pipelineWithAlias = pipelineOf(synth({ drKmsKeyArn: aliasArn }));
    expect(pipelineWithAlias.artifact_store.map((store) => store.encryption_key.id)).toContain(aliasArn);
  });

  test.each([
    [{ drRegion: "us-east-2" }, 'drRegion: is "us-east-2", the primary region too'],
    [{ primaryRegion: "ohio" }, 'primaryRegion: must be an AWS region code such as us-east-2, got "ohio"'],
    [
      { drKmsKeyArn: "alias/titan-dr-data" },
      'drKmsKeyArn: must be a KMS key ARN or alias ARN, got "alias/titan-dr-data"',
    ],
    [{ branch: " " }, "branch: is empty"],
  ])("rejects %p", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
