import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { keyUseStatement } from "../security/grants";
import { ServiceRole } from "../security/service-role";

/** A region's artifact store as the pipeline role sees it. */
export interface PipelineArtifactStoreAccess {
  readonly bucketName: string;
  /** Key ARN or alias ARN (`arn:aws:kms:<region>:<account>:alias/<name>`). */
  readonly kmsKeyArn: string;
}

export interface PipelineRoleProps {
  /** Account-wide IAM name. */
  readonly roleName: string;
  readonly accountId: string;
  readonly connectionArn: string;
  /** ARNs of the CodeBuild projects the pipeline starts, in any region. */
  readonly projectArns: readonly string[];
  readonly artifactStores: readonly PipelineArtifactStoreAccess[];
  /** @default - no approval notifications */
  readonly approvalTopicArn?: string;
}

/**
 * The role CodePipeline assumes to run the delivery pipeline's actions.
 *
 * It may read the app repository through the one connection, start and watch the named CodeBuild
 * projects, read and write the artifact stores (CodePipeline copies artifacts between regions
 * itself) with their keys, and notify approvers. Only CodePipeline acting for this account may
 * assume it.
 */
/** What the pipeline does with an artifact store's key: read and write artifacts. */
const ARTIFACT_KEY_ACTIONS = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"];

export class PipelineRole extends Construct {
  readonly role: IamRole;
  readonly policy: IamRolePolicy;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: PipelineRoleProps) {
    super(scope, id);
    const serviceRole = new ServiceRole(this, "Resource", {
      roleName: props.roleName,
      description: "Delivery pipeline: source from GitHub, build, deploy primary, approve, deploy DR",
      servicePrincipal: "codepipeline.amazonaws.com",
      trustStatementSid: "CodePipelineForThisAccount",
      sourceAccount: props.accountId,
    });
    this.role = serviceRole.role;

    const buckets = props.artifactStores.map((store) => `arn:aws:s3:::${store.bucketName}`);
    const permissions = new DataAwsIamPolicyDocument(this, "PermissionsPolicy", {
      statement: [
        {
          // Connections made as CodeStar Connections answer to either service prefix.
          sid: "ReadAppRepository",
          actions: ["codeconnections:UseConnection", "codestar-connections:UseConnection"],
          resources: [props.connectionArn],
        },
        {
          sid: "RunProjects",
          actions: ["codebuild:BatchGetBuilds", "codebuild:StartBuild"],
          resources: [...props.projectArns],
        },
        {
          sid: "ReadAndWriteArtifacts",
          actions: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
          resources: buckets.map((bucket) => `${bucket}/*`),
        },
        {
          sid: "LocateArtifactBuckets",
          actions: ["s3:GetBucketLocation", "s3:GetBucketVersioning"],
          resources: buckets,
        },
        ...props.artifactStores.map((store, index) =>
          keyUseStatement(`UseArtifactKey${index + 1}`, store.kmsKeyArn, ARTIFACT_KEY_ACTIONS),
        ),
        ...(props.approvalTopicArn
          ? [{ sid: "NotifyApprovers", actions: ["sns:Publish"], resources: [props.approvalTopicArn] }]
          : []),
      ],
    });
    this.policy = new IamRolePolicy(this, "Policy", {
      name: "delivery-pipeline",
      role: this.role.id,
      policy: permissions.json,
    });
    this.arn = serviceRole.arn;
  }
}
