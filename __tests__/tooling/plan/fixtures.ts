/** Hand-made `terraform show -json` documents in the shapes Terraform 1.11 writes. */

/** One `resource_changes` entry. */
export function resourceChange(
  address: string,
  actions: string[],
  change: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const [type, name] = address.split(".");
  return {
    address,
    mode: type.startsWith("data.") ? "data" : "managed",
    type,
    name,
    provider_name: "registry.terraform.io/hashicorp/aws",
    change: {
      actions,
      before: null,
      after: {},
      after_unknown: {},
      before_sensitive: false,
      after_sensitive: {},
      ...change,
    },
    ...extra,
  };
}

/** A plan document holding `changes`. */
export function planDocument(changes: readonly Record<string, unknown>[]): string {
  return JSON.stringify({
    format_version: "1.2",
    terraform_version: "1.11.4",
    resource_changes: changes,
    applyable: true,
    complete: true,
    errored: false,
  });
}

/** A replaced Aurora global cluster, renamed, as Terraform plans it. */
export const RENAMED_GLOBAL_CLUSTER = resourceChange(
  "aws_rds_global_cluster.AuroraGlobal_4EFB8821",
  ["delete", "create"],
  {
    before: { global_cluster_identifier: "titan-aurora-global", engine: "aurora-postgresql" },
    after: { global_cluster_identifier: "titan-aurora-global-2", engine: "aurora-postgresql" },
    after_unknown: { id: true, arn: true },
    replace_paths: [["global_cluster_identifier"]],
  },
  { action_reason: "replace_because_cannot_update" },
);

/** A replaced security group: not stateful. */
export const REPLACED_SECURITY_GROUP = resourceChange(
  "aws_security_group.SecurityGroups_App_30A4AF97",
  ["create", "delete"],
  {
    before: { vpc_id: "vpc-0aaa" },
    after: {},
    after_unknown: { vpc_id: true, id: true },
    replace_paths: [["vpc_id"]],
  },
  { action_reason: "replace_because_cannot_update" },
);

/** A secret removed from the config: destroyed. */
export const DESTROYED_SECRET = resourceChange(
  "aws_secretsmanager_secret.DatabaseCredentials_F1C30F0B",
  ["delete"],
  { before: { name: "titan-primary-db-master" }, after: null, after_unknown: false },
  { action_reason: "delete_because_no_resource_config" },
);
