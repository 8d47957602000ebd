import { CodebuildProject } from "@cdktf/provider-aws/lib/codebuild-project";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { suppressRule } from "../../policy";
import { PropChecks } from "../../validation/prop-checks";
import { EncryptedLogGroup } from "../observability/log-group";
import { CodeBuildRole, codeBuildProjectArn } from "./codebuild-role";
import { BUILD_TIMEOUT_MINUTES } from "./limits";
import { pipelineProjectConfig } from "./pipeline-project";

/** The build project's name, for the pipeline that starts it. */
export function imageBuildProjectName(namer: Namer): string {
  return namer.name("image-build");
}

/** ECR actions that push (and check for) images and charts in named repositories. */
const ECR_PUSH_ACTIONS = [
  "ecr:BatchCheckLayerAvailability",
  "ecr:BatchGetImage",
  "ecr:CompleteLayerUpload",
  "ecr:DescribeImages",
  "ecr:GetDownloadUrlForLayer",
  "ecr:InitiateLayerUpload",
  "ecr:PutImage",
  "ecr:UploadLayerPart",
];

/**
 * Why the project runs privileged, said where the finding is suppressed: in this comment, the
 * project's description and its `PolicyException` tag.
 */
const PRIVILEGED_REASON = "docker build needs the Docker daemon which only privileged mode provides";

export interface ImageBuildProjectProps {
  readonly namer: Namer;
  readonly region: string;
  readonly accountId: string;
  /** The app's name: the chart in the app repository must carry it. */
  readonly appName: string;
  readonly imageRepositoryUrl: string;
  readonly chartRepositoryUrl: string;
  readonly imageRepositoryArn: string;
  readonly chartRepositoryArn: string;
  /** The region's pipeline artifact bucket: the source comes in and release.env goes out there. */
  readonly artifactBucketArn: string;
  /** The region's customer key, for artifacts and the log group. */
  readonly kmsKeyArn: string;
  /** Days CloudWatch keeps build logs; a value CloudWatch Logs accepts. */
  readonly logRetentionDays: number;
  /** Minutes before a hung build is stopped. @default 30 */
  readonly buildTimeoutMinutes?: number;
}

/**
 * The CodeBuild project that builds the app's image and packages its Helm chart, then pushes both
 * to the primary region's ECR (replication copies them to DR). Only the primary stack has one.
 *
 * It runs `buildspecs/build.yml` from this repository, embedded at synth time (see
 * {@link embeddedBuildspec}), on the pipeline's source artifact. Its role may push to the app's two
 * repositories only; `ecr:GetAuthorizationToken` is the one action on `*`, because it has no
 * resource to name. It is not in a VPC: it needs the internet (base images, packages) and no
 * private endpoint.
 */
export class ImageBuildProject extends Construct {
  readonly project: CodebuildProject;
  readonly projectName: string;
  readonly role: CodeBuildRole;
  readonly roleArn: string;
  readonly logGroup: EncryptedLogGroup;

  constructor(scope: Construct, id: string, props: ImageBuildProjectProps) {
    super(scope, id);
    const timeout = props.buildTimeoutMinutes ?? 30;
    new PropChecks(this).wholeNumber("buildTimeoutMinutes", timeout, BUILD_TIMEOUT_MINUTES).throwIfAny();
    const name = imageBuildProjectName(props.namer);

    this.logGroup = new EncryptedLogGroup(this, "LogGroup", {
      logGroupName: `/aws/codebuild/${name}`,
      kmsKeyArn: props.kmsKeyArn,
      retentionDays: props.logRetentionDays,
    });
    this.role = new CodeBuildRole(this, "Role", {
      roleName: props.namer.name("image-build", "iamRole"),
      description: "Image build: pushes the app's image and chart to this region's ECR",
      accountId: props.accountId,
      projectArn: codeBuildProjectArn(props.region, props.accountId, name),
      logGroupArn: this.logGroup.arn,
      artifactBucketArn: props.artifactBucketArn,
      artifactAccess: "read-write",
      kmsKeyArn: props.kmsKeyArn,
      statements: [
        {
          // GetAuthorizationToken takes no resource: it returns a token for the whole registry.
          sid: "LogInToEcr",
          actions: ["ecr:GetAuthorizationToken"],
          resources: ["*"],
        },
        {
          sid: "PushImageAndChart",
          actions: ECR_PUSH_ACTIONS,
          resources: [props.imageRepositoryArn, props.chartRepositoryArn],
        },
      ],
    });
    this.roleArn = this.role.arn;

    this.project = new CodebuildProject(this, "Resource", {
      ...pipelineProjectConfig({
        name,
        description: `Builds and pushes the ${props.appName} image and Helm chart. Privileged: ${PRIVILEGED_REASON}`,
        roleArn: this.role.arn,
        timeoutMinutes: timeout,
        kmsKeyArn: props.kmsKeyArn,
        buildspec: "build",
        // Policy exception: PRIVILEGED_REASON. No other project here runs privileged.
        privileged: true,
        variables: {
          APP_NAME: props.appName,
          AWS_ACCOUNT_ID: props.accountId,
          ECR_REGISTRY: `${props.accountId}.dkr.ecr.${props.region}.amazonaws.com`,
          IMAGE_REPOSITORY_URL: props.imageRepositoryUrl,
          CHART_REPOSITORY_URL: props.chartRepositoryUrl,
        },
        logGroupName: this.logGroup.name,
      }),
      tags: { PolicyException: `CodeBuildPrivilegedMode: ${PRIVILEGED_REASON}` },
      // The permissions before the project: CodeBuild may use the role as soon as the project exists.
      dependsOn: [this.role.policy],
    });
    suppressRule(this.project, "TITAN-CB-1", PRIVILEGED_REASON);
    this.projectName = this.project.name;
  }
}
