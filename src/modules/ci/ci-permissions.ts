/**
 * What the team workflow's two roles may do, and why no less would work.
 *
 * Plan: read everything Terraform refreshes (AWS's ReadOnlyAccess), take the state lock, open the
 * two ephemeral values a plan evaluates (a generated password, the DB secret), and read no object
 * but the state.
 *
 * Apply: create, change and delete every kind of resource titan manages. Services are named one by
 * one from the resource types titan synthesizes (a test keeps the table complete); IAM, S3, secrets
 * and parameters are limited to titan's names; the CI roles and the role boundary are out of reach;
 * every role it creates or changes carries the boundary, and only the AWS managed policies titan
 * uses can be attached; the guardrails (apply-guardrails.ts) keep it off other teams' keys,
 * databases and networks and off recovery points until teardown.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { savedPlansPrefix } from "../../naming";
import { applyGuardrails } from "./apply-guardrails";

/**
 * The IAM service prefix for each Terraform resource type prefix titan uses, longest prefix
 * first. A type without an entry is a service the apply role cannot manage.
 */
export const APPLY_SERVICES_BY_TYPE: readonly (readonly [typePrefix: string, services: readonly string[]])[] = [
  ["aws_cloudwatch_log_", ["logs"]],
  ["aws_cloudwatch_", ["cloudwatch"]],
  ["aws_codestarconnections_", ["codestar-connections", "codeconnections"]],
  ["aws_vpc_", ["ec2"]],
  ["aws_vpc", ["ec2"]],
  ["aws_subnet", ["ec2"]],
  ["aws_route_table", ["ec2"]],
  ["aws_route53_", ["route53"]],
  ["aws_route", ["ec2"]],
  ["aws_security_group", ["ec2"]],
  ["aws_default_security_group", ["ec2"]],
  ["aws_internet_gateway", ["ec2"]],
  ["aws_nat_gateway", ["ec2"]],
  ["aws_eip", ["ec2"]],
  ["aws_flow_log", ["ec2"]],
  ["aws_launch_template", ["ec2"]],
  ["aws_ec2_", ["ec2"]],
  ["aws_rds_", ["rds"]],
  ["aws_db_", ["rds"]],
  ["aws_elasticache_", ["elasticache"]],
  ["aws_eks_", ["eks"]],
  ["aws_lb", ["elasticloadbalancing"]],
  ["aws_autoscaling_", ["autoscaling"]],
  ["aws_kms_", ["kms"]],
  ["aws_sns_", ["sns"]],
  ["aws_ecr_", ["ecr"]],
  ["aws_codebuild_", ["codebuild"]],
  ["aws_codepipeline", ["codepipeline"]],
  ["aws_secretsmanager_", ["secretsmanager"]],
  ["aws_ssm_", ["ssm"]],
  ["aws_acm_", ["acm"]],
  ["aws_backup_", ["backup", "backup-storage"]],
  ["aws_xray_", ["xray"]],
  ["aws_cloudfront_", ["cloudfront"]],
  ["aws_wafv2_", ["wafv2"]],
  ["aws_shield_", ["shield"]],
  ["aws_iam_", ["iam"]],
  ["aws_s3_", ["s3"]],
];

/** The IAM services a resource type is managed through, or undefined when the table lacks it. */
export function servicesForType(type: string): readonly string[] | undefined {
  return APPLY_SERVICES_BY_TYPE.find(([prefix]) => type.startsWith(prefix))?.[1];
}

/** Services whose resources are named by titan and scoped in their own statements below. */
const NAME_SCOPED = new Set(["iam", "s3", "secretsmanager", "ssm"]);

/** Where titan's names and state live, for the statements that can be scoped. */
export interface CiScope {
  readonly accountId: string;
  /** `config.project`: every IAM name, bucket and secret titan makes starts with `<project>-`. */
  readonly project: string;
  /** Both regions' state bucket names. */
  readonly stateBuckets: readonly string[];
  /**
   * The secrets a plan opens, by name: through ephemeral secret versions (the Aurora master secret,
   * which only `primary`'s plan opens: Terraform opens the cluster's read-back at every plan, and
   * refuses a count that could skip it outside apply; Grafana's admin login) and secret data sources
   * (the origin-verify header, in each region's replica).
   */
  readonly planSecretNames: readonly string[];
  /** Names of the CI roles: the apply role must not be able to change them. */
  readonly ciRoleNames: readonly string[];
  /** ARN of the permissions boundary every role the apply role creates or changes must carry. */
  readonly roleBoundaryArn: string;
  /** `config.teardown`: only then may the apply role delete recovery points and schedule key deletion. */
  readonly teardown: boolean;
}

/**
 * The AWS managed policies titan's roles use: the only ones the apply role may attach (a test keeps
 * the list in step with the stacks). AdministratorAccess, PowerUserAccess, IAMFullAccess and the
 * like are not among them.
 */
export const ATTACHABLE_MANAGED_POLICIES: readonly string[] = [
  "AmazonEC2ContainerRegistryPullOnly",
  "AmazonEKSClusterPolicy",
  "AmazonEKSWorkerNodePolicy",
  "AmazonEKS_CNI_Policy",
  "AmazonSSMManagedInstanceCore",
  "CloudWatchAgentServerPolicy",
  "service-role/AWSBackupServiceRolePolicyForBackup",
  "service-role/AWSBackupServiceRolePolicyForRestores",
  "service-role/AmazonEBSCSIDriverPolicy",
  "service-role/AmazonRDSEnhancedMonitoringRole",
].map((name) => `arn:aws:iam::aws:policy/${name}`);

/** Statements of the plan role's inline policy (beside the AWS managed ReadOnlyAccess). */
export function planStatements(scope: CiScope): DataAwsIamPolicyDocumentStatement[] {
  const stateObjects = scope.stateBuckets.map((bucket) => `arn:aws:s3:::${bucket}/*`);
  return [
    {
      sid: "TakeTheStateLock",
      actions: ["s3:PutObject", "s3:DeleteObject"],
      resources: scope.stateBuckets.map((bucket) => `arn:aws:s3:::${bucket}/${scope.project}/*.tflock`),
    },
    {
      // The saved plan goes to the apply job through the state bucket, never as an artifact.
      sid: "StoreTheSavedPlan",
      actions: ["s3:PutObject"],
      resources: scope.stateBuckets.map((bucket) => `arn:aws:s3:::${bucket}/${savedPlansPrefix(scope.project)}*`),
    },
    {
      // The ephemeral aws_secretsmanager_random_password is opened at plan time; the action has
      // no resource-level permissions.
      sid: "GeneratePasswordAtPlan",
      actions: ["secretsmanager:GetRandomPassword"],
      resources: ["*"],
    },
    {
      // Write-only values are read back through ephemeral secret versions, and the origin-verify
      // header through data sources: in any region, as the header's secret is replicated.
      sid: "ReadTheSecretsAPlanOpens",
      actions: ["secretsmanager:GetSecretValue"],
      resources: scope.planSecretNames.map(
        (name) => `arn:aws:secretsmanager:*:${scope.accountId}:secret:${name}-??????`,
      ),
    },
    {
      // Those secrets are under titan's customer keys: Secrets Manager decrypts them with the
      // caller's kms:Decrypt, which ReadOnlyAccess does not grant. Only through Secrets Manager,
      // and only for those secrets (the encryption context names the secret).
      sid: "DecryptThoseSecretsThroughSecretsManager",
      actions: ["kms:Decrypt"],
      resources: [`arn:aws:kms:*:${scope.accountId}:key/*`],
      condition: [
        { test: "StringLike", variable: "kms:ViaService", values: ["secretsmanager.*.amazonaws.com"] },
        {
          test: "StringLike",
          variable: "kms:EncryptionContext:SecretARN",
          values: scope.planSecretNames.map(
            (name) => `arn:aws:secretsmanager:*:${scope.accountId}:secret:${name}-??????`,
          ),
        },
      ],
    },
    {
      // ReadOnlyAccess reads every object of every bucket; a plan needs only the state.
      sid: "ReadNoObjectButTheState",
      effect: "Deny",
      actions: ["s3:GetObject", "s3:GetObjectVersion"],
      notResources: stateObjects,
    },
  ];
}

/** Statements of the apply role's inline policy. */
export function applyStatements(scope: CiScope): DataAwsIamPolicyDocumentStatement[] {
  const services = [...new Set(APPLY_SERVICES_BY_TYPE.flatMap(([, s]) => s))].filter((s) => !NAME_SCOPED.has(s));
  const account = scope.accountId;
  const named = `${scope.project}-*`;
  return [
    {
      sid: "ManageTitanServices",
      actions: [...services.sort().map((service) => `${service}:*`), "sts:GetCallerIdentity"],
      resources: ["*"],
    },
    {
      sid: "ManageTitanBuckets",
      actions: ["s3:*"],
      resources: [`arn:aws:s3:::${named}`, `arn:aws:s3:::${named}/*`],
    },
    {
      sid: "ManageTitanSecrets",
      actions: ["secretsmanager:*"],
      resources: [`arn:aws:secretsmanager:*:${account}:secret:${named}`],
    },
    {
      sid: "GeneratePasswords",
      actions: ["secretsmanager:GetRandomPassword"],
      resources: ["*"],
    },
    {
      sid: "ManageTitanParameters",
      actions: ["ssm:*"],
      resources: [`arn:aws:ssm:*:${account}:parameter/${scope.project}/*`],
    },
    {
      sid: "ManageTitanIamAndEksOidc",
      actions: ["iam:*"],
      resources: [
        `arn:aws:iam::${account}:role/${named}`,
        `arn:aws:iam::${account}:policy/${named}`,
        `arn:aws:iam::${account}:instance-profile/${named}`,
        `arn:aws:iam::${account}:oidc-provider/oidc.eks.*`,
      ],
    },
    {
      sid: "ReadIam",
      actions: ["iam:Get*", "iam:List*"],
      resources: ["*"],
    },
    {
      // ELB, Auto Scaling, EKS node groups, RDS and ElastiCache create their own on first use.
      sid: "CreateServiceLinkedRoles",
      actions: ["iam:CreateServiceLinkedRole"],
      resources: [`arn:aws:iam::${account}:role/aws-service-role/*`],
    },
    {
      // Changing its own trust or permissions would let a workflow widen what it may do.
      sid: "LeaveTheCiRolesAlone",
      effect: "Deny",
      actions: ["iam:*"],
      resources: scope.ciRoleNames.map((name) => `arn:aws:iam::${account}:role/${name}`),
    },
    {
      // A role without the boundary could be given any policy and passed to a build: admin.
      sid: "RolesOnlyWithTheBoundary",
      effect: "Deny",
      actions: [
        "iam:CreateRole",
        "iam:PutRolePermissionsBoundary",
        "iam:AttachRolePolicy",
        "iam:DetachRolePolicy",
        "iam:PutRolePolicy",
        "iam:DeleteRolePolicy",
      ],
      resources: ["*"],
      condition: [{ test: "StringNotEquals", variable: "iam:PermissionsBoundary", values: [scope.roleBoundaryArn] }],
    },
    {
      sid: "KeepTheBoundary",
      effect: "Deny",
      actions: ["iam:DeleteRolePermissionsBoundary"],
      resources: ["*"],
    },
    {
      // A new version of the boundary would lift it from every role at once.
      sid: "LeaveTheBoundaryAlone",
      effect: "Deny",
      notActions: ["iam:Get*", "iam:List*"],
      resources: [scope.roleBoundaryArn],
    },
    {
      sid: "OnlyTheManagedPoliciesTitanUses",
      effect: "Deny",
      actions: ["iam:AttachRolePolicy"],
      resources: ["*"],
      condition: [{ test: "ArnNotEquals", variable: "iam:PolicyARN", values: [...ATTACHABLE_MANAGED_POLICIES] }],
    },
    ...applyGuardrails({ accountId: account, project: scope.project, teardown: scope.teardown }),
  ];
}
