import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { ServiceRole } from "../security/service-role";

/** What a project does with the pipeline's artifact bucket. */
export type ArtifactAccess = "read" | "read-write";

export interface CodeBuildRoleProps {
  /** Account-wide IAM name: must differ per region role (the Namer's scope does that). */
  readonly roleName: string;
  readonly description: string;
  readonly accountId: string;
  /** ARN of the one project that may assume the role (`arn:aws:codebuild:<region>:<account>:project/<name>`). */
  readonly projectArn: string;
  /** The project's log group: the only one it writes to. */
  readonly logGroupArn: string;
  /** The region's pipeline artifact bucket. */
  readonly artifactBucketArn: string;
  /** Read the input artifact only, or also write an output artifact. */
  readonly artifactAccess: ArtifactAccess;
  /** The region's customer key: artifacts and the project's output are encrypted with it. */
  readonly kmsKeyArn: string;
  /** What the project's commands do beyond logging and artifacts (ECR, EKS, VPC). */
  readonly statements: readonly DataAwsIamPolicyDocumentStatement[];
}

/**
 * The service role of one CodeBuild project, holding only what that project's buildspec needs.
 *
 * WHY a role per project: the build pushes images but never reaches a cluster, and the deploy
 * reaches a cluster but never pushes, so neither can do the other's job if its commands are
 * subverted. Only CodeBuild running that project for this account may assume the role
 * (aws:SourceAccount and aws:SourceArn guard against the confused deputy). No logs:CreateLogGroup:
 * Terraform owns the encrypted log group.
 */
export class CodeBuildRole extends Construct {
  readonly role: IamRole;
  readonly policy: IamRolePolicy;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: CodeBuildRoleProps) {
    super(scope, id);
    const serviceRole = new ServiceRole(this, "Resource", {
      roleName: props.roleName,
      description: props.description,
      servicePrincipal: "codebuild.amazonaws.com",
      trustStatementSid: "CodeBuildForThisProject",
      sourceAccount: props.accountId,
      sourceArn: props.projectArn,
    });
    this.role = serviceRole.role;

    const writes = props.artifactAccess === "read-write";
    const permissions = new DataAwsIamPolicyDocument(this, "PermissionsPolicy", {
      statement: [
        {
          sid: "WriteOwnLogGroup",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
          resources: [props.logGroupArn, `${props.logGroupArn}:*`],
        },
        {
          sid: writes ? "ReadAndWriteArtifacts" : "ReadArtifacts",
          actions: ["s3:GetObject", "s3:GetObjectVersion", ...(writes ? ["s3:PutObject"] : [])],
          resources: [`${props.artifactBucketArn}/*`],
        },
        {
          sid: "LocateArtifactBucket",
          actions: ["s3:GetBucketLocation", "s3:GetBucketVersioning"],
          resources: [props.artifactBucketArn],
        },
        {
          sid: writes ? "EncryptAndDecryptArtifacts" : "DecryptArtifacts",
          actions: writes
            ? ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"]
            : ["kms:Decrypt", "kms:DescribeKey"],
          resources: [props.kmsKeyArn],
        },
        ...props.statements,
      ],
    });
    this.policy = new IamRolePolicy(this, "Policy", {
      name: "codebuild-project",
      role: this.role.id,
      policy: permissions.json,
    });
    this.arn = serviceRole.arn;
  }
}

/** A CodeBuild project's ARN, known before the project exists (the role's trust names it). */
export function codeBuildProjectArn(region: string, accountId: string, projectName: string): string {
  return `arn:aws:codebuild:${region}:${accountId}:project/${projectName}`;
}
