/**
 * What neither the CI apply role nor any role it creates may do, whatever else a policy allows:
 * explicit denies, shared by the apply role's policy and the permissions boundary every titan role
 * carries, so a role the pipeline makes can never do more than the pipeline itself.
 *
 * Where a service evaluates `aws:ResourceTag` on the resource an action changes, the denies name
 * resources without `Project = <project>` (the AWS provider's `default_tags` put it on everything
 * titan creates). Verified per service (README, "Team workflow", has the table):
 * - KMS: ABAC on keys (`aws:ResourceTag`, `aws:RequestTag` on CreateKey); calls a service makes on
 *   the caller's behalf (`kms:ViaService`) are left out, since the AWS-managed keys S3 and Secrets
 *   Manager use for the state and the DR replica carry no tags;
 * - RDS: clusters, instances, global clusters and snapshots;
 * - EC2: the network titan builds (VPC, subnets, route tables, gateways, addresses, endpoints,
 *   flow logs, launch templates), with tagging outside creation (`ec2:CreateAction`) denied on
 *   untagged ones, so a foreign resource cannot be tagged into scope first. Security groups are left
 *   out: titan adopts the VPC's default group and adds a rule to the EKS-managed cluster group, and
 *   neither carries the tag; volumes and instances belong to Auto Scaling and the EBS CSI driver.
 * - Backup: recovery points, their retention and the vault locks are out of reach until teardown.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

/** Where the guardrails apply. */
export interface GuardrailScope {
  readonly accountId: string;
  /** `config.project`: the `Project` tag's value on everything titan creates. */
  readonly project: string;
  /** `config.teardown`: the destructive Backup and KMS actions are allowed only then. */
  readonly teardown: boolean;
}

/** The provider's default tag that marks titan's resources. */
export const PROJECT_TAG = "Project";

/** Key actions that change a key, its policy or its tags, or use it to encrypt or decrypt. */
const KMS_KEY_ACTIONS = [
  "kms:CreateAlias",
  "kms:CreateGrant",
  "kms:Decrypt",
  "kms:DeleteAlias",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:Encrypt",
  "kms:GenerateDataKey*",
  "kms:PutKeyPolicy",
  "kms:ReEncrypt*",
  "kms:ReplicateKey",
  "kms:RetireGrant",
  "kms:RevokeGrant",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
  "kms:UpdatePrimaryRegion",
];

/** Database actions that lift protection, delete, stop, fail over, share or re-tag. */
const RDS_ACTIONS = [
  "rds:DeleteDBCluster",
  "rds:DeleteDBClusterSnapshot",
  "rds:DeleteDBInstance",
  "rds:DeleteDBSnapshot",
  "rds:DeleteGlobalCluster",
  "rds:FailoverDBCluster",
  "rds:FailoverGlobalCluster",
  "rds:ModifyDBCluster",
  "rds:ModifyDBClusterSnapshotAttribute",
  "rds:ModifyDBInstance",
  "rds:ModifyDBSnapshotAttribute",
  "rds:ModifyGlobalCluster",
  "rds:RebootDBInstance",
  "rds:RemoveFromGlobalCluster",
  "rds:RemoveTagsFromResource",
  "rds:StopDBCluster",
  "rds:StopDBInstance",
  "rds:SwitchoverGlobalCluster",
];

/** The network titan builds, by EC2 resource type. */
const EC2_NETWORK_TYPES = [
  "vpc",
  "subnet",
  "route-table",
  "internet-gateway",
  "natgateway",
  "elastic-ip",
  "vpc-endpoint",
  "vpc-flow-log",
  "launch-template",
];

const EC2_NETWORK_ACTIONS = [
  "ec2:DeleteVpc",
  "ec2:ModifyVpcAttribute",
  "ec2:DeleteSubnet",
  "ec2:ModifySubnetAttribute",
  "ec2:DeleteRouteTable",
  "ec2:CreateRoute",
  "ec2:ReplaceRoute",
  "ec2:DeleteRoute",
  "ec2:DeleteInternetGateway",
  "ec2:DetachInternetGateway",
  "ec2:DeleteNatGateway",
  "ec2:ReleaseAddress",
  "ec2:DisassociateAddress",
  "ec2:DeleteVpcEndpoints",
  "ec2:ModifyVpcEndpoint",
  "ec2:DeleteFlowLogs",
  "ec2:DeleteLaunchTemplate",
  "ec2:DeleteTags",
];

/** Actions that remove recovery points or shorten what protects them; teardown alone needs them. */
const BACKUP_TEARDOWN_ACTIONS = [
  "backup:DeleteBackupVault",
  "backup:DeleteBackupVaultLockConfiguration",
  "backup:DeleteRecoveryPoint",
  "backup:UpdateRecoveryPointLifecycle",
];

/** The deny statements, in a fixed order (their sids are stable: tests and reviewers read them). */
export function applyGuardrails(scope: GuardrailScope): DataAwsIamPolicyDocumentStatement[] {
  const { accountId, project } = scope;
  const notTitan = { test: "StringNotEquals", variable: `aws:ResourceTag/${PROJECT_TAG}`, values: [project] };
  const statements: DataAwsIamPolicyDocumentStatement[] = [
    {
      // A key without the tag is another team's: no change, no use, no deletion.
      sid: "OnlyTitanKeys",
      effect: "Deny",
      actions: KMS_KEY_ACTIONS,
      resources: [`arn:aws:kms:*:${accountId}:key/*`],
      condition: [notTitan, { test: "Null", variable: "kms:ViaService", values: ["true"] }],
    },
    {
      // So every key created stays in reach of the statement above.
      sid: "TagEveryNewKey",
      effect: "Deny",
      actions: ["kms:CreateKey"],
      resources: ["*"],
      condition: [{ test: "StringNotEquals", variable: `aws:RequestTag/${PROJECT_TAG}`, values: [project] }],
    },
    {
      sid: "OnlyTitanDatabases",
      effect: "Deny",
      actions: RDS_ACTIONS,
      resources: [
        `arn:aws:rds:*:${accountId}:cluster:*`,
        `arn:aws:rds:*:${accountId}:db:*`,
        `arn:aws:rds::${accountId}:global-cluster:*`,
        `arn:aws:rds:*:${accountId}:cluster-snapshot:*`,
        `arn:aws:rds:*:${accountId}:snapshot:*`,
      ],
      condition: [notTitan],
    },
    {
      sid: "OnlyTitanNetworks",
      effect: "Deny",
      actions: EC2_NETWORK_ACTIONS,
      resources: EC2_NETWORK_TYPES.map((type) => `arn:aws:ec2:*:${accountId}:${type}/*`),
      condition: [notTitan],
    },
    {
      // Tagging outside creation would bring a foreign network into the statement above's reach.
      sid: "NoTaggingIntoScope",
      effect: "Deny",
      actions: ["ec2:CreateTags"],
      resources: EC2_NETWORK_TYPES.map((type) => `arn:aws:ec2:*:${accountId}:${type}/*`),
      condition: [notTitan, { test: "Null", variable: "ec2:CreateAction", values: ["true"] }],
    },
    {
      // titan sets none: a vault policy could let another principal around the lock.
      sid: "NoBackupVaultPolicies",
      effect: "Deny",
      actions: ["backup:PutBackupVaultAccessPolicy", "backup:DeleteBackupVaultAccessPolicy"],
      resources: ["*"],
    },
  ];
  if (!scope.teardown) {
    statements.push(
      {
        sid: "KeepRecoveryPointsUntilTeardown",
        effect: "Deny",
        actions: BACKUP_TEARDOWN_ACTIONS,
        resources: ["*"],
      },
      {
        // Every ciphertext under a deleted key is lost, the final snapshots' among them.
        sid: "KeepKeysUntilTeardown",
        effect: "Deny",
        actions: ["kms:ScheduleKeyDeletion"],
        resources: ["*"],
      },
    );
  }
  return statements;
}
