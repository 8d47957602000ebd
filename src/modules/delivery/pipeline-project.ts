import type { CodebuildProjectConfig } from "@cdktf/provider-aws/lib/codebuild-project";
import { type BuildspecName, embeddedBuildspec } from "./buildspec";

/** CodeBuild's current Amazon Linux 2 standard image: docker, the AWS CLI and a shell; no helm. */
export const CODEBUILD_IMAGE = "aws/codebuild/amazonlinux2-x86_64-standard:5.0";

export interface PipelineProjectOptions {
  readonly name: string;
  readonly description: string;
  readonly roleArn: string;
  readonly timeoutMinutes: number;
  readonly kmsKeyArn: string;
  readonly buildspec: BuildspecName;
  readonly privileged: boolean;
  /** Plain-text environment variables: names of things, never secrets. */
  readonly variables: Readonly<Record<string, string>>;
  readonly logGroupName: string;
}

/**
 * What every CodeBuild project run by the pipeline shares: CodePipeline source and artifacts, an
 * embedded buildspec, the CMK for artifacts, the standard image, logs only to CloudWatch (an
 * encrypted group with retention). Each project adds its own VPC, tags and dependencies.
 */
export function pipelineProjectConfig(options: PipelineProjectOptions): CodebuildProjectConfig {
  return {
    name: options.name,
    description: options.description,
    serviceRole: options.roleArn,
    buildTimeout: options.timeoutMinutes,
    encryptionKey: options.kmsKeyArn,
    source: { type: "CODEPIPELINE", buildspec: embeddedBuildspec(options.buildspec) },
    artifacts: { type: "CODEPIPELINE" },
    environment: {
      type: "LINUX_CONTAINER",
      computeType: "BUILD_GENERAL1_SMALL",
      image: CODEBUILD_IMAGE,
      imagePullCredentialsType: "CODEBUILD",
      privilegedMode: options.privileged,
      environmentVariable: Object.entries(options.variables).map(([name, value]) => ({
        name,
        value,
        type: "PLAINTEXT",
      })),
    },
    logsConfig: {
      cloudwatchLogs: { status: "ENABLED", groupName: options.logGroupName },
      s3Logs: { status: "DISABLED" },
    },
  };
}
