import { readFileSync } from "node:fs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Testing } from "cdktf";
import { parse } from "yaml";
import { ImageBuildProject, type ImageBuildProjectProps } from "../../../src/modules/delivery/build-project";
import { buildspecPath } from "../../../src/modules/delivery/buildspec";
import { Namer } from "../../../src/naming";
import { buildspecAsDeployed, environmentOf, onlyProject } from "./codebuild";
import { leastPrivilegeViolations, permissionStatements, policyDocuments, statement } from "./iam";

const KEY = "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const IMAGE_REPOSITORY = "arn:aws:ecr:us-east-2:111122223333:repository/birthday-app";
const CHART_REPOSITORY = "arn:aws:ecr:us-east-2:111122223333:repository/charts/birthday-app";
const BUCKET = "arn:aws:s3:::titan-primary-pipeline-artifacts";

function synth(props: Partial<ImageBuildProjectProps> = {}): string {
  return Testing.synthScope((scope) => {
    new ImageBuildProject(scope, "Build", {
      namer: new Namer("titan", "primary"),
      region: "us-east-2",
      accountId: "111122223333",
      appName: "birthday-app",
      imageRepositoryUrl: "111122223333.dkr.ecr.us-east-2.amazonaws.com/birthday-app",
      chartRepositoryUrl: "111122223333.dkr.ecr.us-east-2.amazonaws.com/charts/birthday-app",
      imageRepositoryArn: IMAGE_REPOSITORY,
      chartRepositoryArn: CHART_REPOSITORY,
      artifactBucketArn: BUCKET,
      kmsKeyArn: KEY,
      logRetentionDays: 90,
      ...props,
    });
  });
}

describe("ImageBuildProject", () => {
  const json = synth();
  const project = onlyProject(json);

  it("runs on the pipeline's artifacts in Amazon Linux standard 5.0, encrypted with the customer key", () => {
    expect(project).toMatchObject({
      name: "titan-primary-image-build",
      encryption_key: KEY,
      source: { type: "CODEPIPELINE" },
      artifacts: { type: "CODEPIPELINE" },
      environment: { type: "LINUX_CONTAINER", image: "aws/codebuild/amazonlinux2-x86_64-standard:5.0" },
    });
  });

  it("runs privileged for the Docker daemon, with the reason in its description and tags", () => {
    expect(project.environment.privileged_mode).toBe(true);
    expect(project.description).toContain("docker build needs the Docker daemon");
    expect(project.tags?.PolicyException).toMatch(/^CodeBuildPrivilegedMode: docker build needs the Docker daemon/);
  });

  it("embeds buildspecs/build.yml, which CodeBuild receives unchanged", () => {
    const deployed = buildspecAsDeployed(project);
    expect(deployed).toBe(readFileSync(buildspecPath("build"), "utf8"));
    const spec = parse(deployed) as { version: number; phases: Record<string, unknown> };
    expect(spec.version).toBe(0.2);
    expect(Object.keys(spec.phases)).toEqual(expect.arrayContaining(["install", "pre_build", "build", "post_build"]));
  });

  it("tells the build where to push", () => {
    expect(environmentOf(project)).toEqual({
      APP_NAME: "birthday-app",
      AWS_ACCOUNT_ID: "111122223333",
      ECR_REGISTRY: "111122223333.dkr.ecr.us-east-2.amazonaws.com",
      IMAGE_REPOSITORY_URL: "111122223333.dkr.ecr.us-east-2.amazonaws.com/birthday-app",
      CHART_REPOSITORY_URL: "111122223333.dkr.ecr.us-east-2.amazonaws.com/charts/birthday-app",
    });
  });

  it("logs to its own encrypted log group", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: "/aws/codebuild/titan-primary-image-build",
      kms_key_id: KEY,
      retention_in_days: 90,
    });
    expect(project.logs_config.cloudwatch_logs.status).toBe("ENABLED");
  });

  it("may push only to the app's two repositories", () => {
    expect(statement(json, "PushImageAndChart")).toMatchObject({
      actions: expect.arrayContaining(["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:CompleteLayerUpload"]),
      resources: [IMAGE_REPOSITORY, CHART_REPOSITORY],
    });
    expect(statement(json, "LogInToEcr")).toMatchObject({ actions: ["ecr:GetAuthorizationToken"], resources: ["*"] });
    expect(statement(json, "ReadAndWriteArtifacts")).toMatchObject({
      actions: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
      resources: [`${BUCKET}/*`],
    });
    expect(statement(json, "EncryptAndDecryptArtifacts").resources).toEqual([KEY]);
  });

  it("grants no wildcard action, and * only to actions that take no resource", () => {
    expect(leastPrivilegeViolations(permissionStatements(json))).toEqual([]);
  });

  it("is assumable only by CodeBuild running this project for this account", () => {
    const trust = Object.values(policyDocuments(json))
      .flat()
      .find((candidate) => candidate.principals);
    expect(trust).toMatchObject({
      principals: [{ type: "Service", identifiers: ["codebuild.amazonaws.com"] }],
      condition: [
        { test: "StringEquals", variable: "aws:SourceAccount", values: ["111122223333"] },
        {
          test: "ArnEquals",
          variable: "aws:SourceArn",
          values: ["arn:aws:codebuild:us-east-2:111122223333:project/titan-primary-image-build"],
        },
      ],
    });
  });

  test.each([[4], [2161], [7.5]])("rejects buildTimeoutMinutes %p", (buildTimeoutMinutes) => {
    expect(() => synth({ buildTimeoutMinutes })).toThrow(
      `buildTimeoutMinutes: must be a whole number from 5 to 2160 (CodeBuild's limits), got ${buildTimeoutMinutes}`,
    );
  });
});
