/**
 * The teardown switch (`teardown: true` in the config): one apply lifts every protection that
 * stops `destroy`, so a short-lived environment can then be destroyed in reverse deploy order
 * without hand edits. Applied to the whole app after the stacks are built, so it reaches every
 * resource of a protected type, including ones added later, from one place.
 */
import { TerraformResource } from "cdktf";
import type { IConstruct } from "constructs";
import { suppressRule } from "../policy";
import { STATEFUL_RESOURCE_TYPES } from "../stateful";

/** The reason recorded on every policy finding teardown causes, printed by `npm run policy`. */
export const TEARDOWN_REASON =
  "the config sets teardown: this short-lived environment is about to be destroyed, so its protections are lifted on purpose";

/** What teardown changes on a resource type, and the policy rules that change trips. */
interface Lift {
  readonly overrides: Readonly<Record<string, unknown>>;
  readonly rules: readonly string[];
  /**
   * The resource is itself the protection (`count = 0`): the teardown apply destroys it rather
   * than updating it in place.
   */
  readonly removed?: true;
}

/** Per type: the arguments that make `terraform destroy` succeed, and what it then deletes. */
export const TEARDOWN_LIFTS: Readonly<Record<string, Lift>> = {
  // A versioned bucket with objects cannot be deleted; force_destroy deletes every version first.
  aws_s3_bucket: { overrides: { force_destroy: true, "lifecycle.prevent_destroy": false }, rules: ["TITAN-S3-1"] },
  // The final snapshot is still taken (unless database.skipFinalSnapshot): see AuroraCluster.
  aws_rds_cluster: { overrides: { deletion_protection: false }, rules: ["TITAN-RDS-1"] },
  aws_rds_global_cluster: { overrides: { deletion_protection: false }, rules: [] },
  aws_lb: { overrides: { enable_deletion_protection: false }, rules: [] },
  // A repository holding images cannot be deleted otherwise.
  aws_ecr_repository: { overrides: { force_delete: true }, rules: [] },
  // A vault holding recovery points cannot be deleted otherwise; the copies in DR's vault go too.
  aws_backup_vault: { overrides: { force_destroy: true }, rules: [] },
  // Vault Lock (governance) keeps every recovery point for its minimum retention, force_destroy or
  // not: the teardown apply removes the lock, so destroy can then empty the vault.
  aws_backup_vault_lock_configuration: { overrides: { count: 0 }, rules: [], removed: true },
  // No recovery window: a name pending deletion would block the next deployment of the environment.
  aws_secretsmanager_secret: { overrides: { recovery_window_in_days: 0 }, rules: [] },
};

/** Stateful types destroy removes as they are, and why teardown leaves them alone. */
export const DESTROYED_AS_IS: Readonly<Record<string, string>> = {
  aws_kms_key:
    "destroy schedules deletion after deletion_window_in_days (30): the time to cancel it, and to restore the final snapshots it encrypts",
  aws_rds_cluster_instance: "protected by its cluster's deletion protection, which teardown lifts",
  aws_elasticache_replication_group: "no deletion protection to lift; a cache holds nothing the app cannot rebuild",
  aws_elasticache_global_replication_group:
    "no deletion protection to lift; its members are destroyed with their stacks",
  aws_cloudwatch_log_group: "deleted with its logs (skip_destroy stays false)",
  aws_eks_cluster: "aws provider 5.100 offers no deletion protection for EKS",
};

/**
 * Lifts the protections of every resource under `scope`: the overrides of {@link TEARDOWN_LIFTS},
 * and any `prevent_destroy` left on another type. Each policy finding this causes is suppressed
 * with {@link TEARDOWN_REASON}, so `npm run policy` lists them.
 *
 * @returns the resources it changed.
 */
export function liftProtections(scope: IConstruct): TerraformResource[] {
  const lifted: TerraformResource[] = [];
  for (const node of scope.node.findAll()) {
    if (!TerraformResource.isTerraformResource(node)) {
      continue;
    }
    const lift = TEARDOWN_LIFTS[node.terraformResourceType];
    if (lift === undefined && node.lifecycle?.preventDestroy !== true) {
      continue;
    }
    for (const [path, value] of Object.entries(lift?.overrides ?? { "lifecycle.prevent_destroy": false })) {
      node.addOverride(path, value);
    }
    for (const rule of lift?.rules ?? []) {
      suppressRule(node, rule, TEARDOWN_REASON);
    }
    lifted.push(node);
  }
  return lifted;
}

/** Stateful types neither lifted nor explained: a new one must be added to one of the two tables. */
export function unexplainedStatefulTypes(): string[] {
  return Object.keys(STATEFUL_RESOURCE_TYPES).filter(
    (type) => TEARDOWN_LIFTS[type] === undefined && DESTROYED_AS_IS[type] === undefined,
  );
}
