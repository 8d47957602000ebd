import { BackupVault as BackupVaultResource } from "@cdktf/provider-aws/lib/backup-vault";
import { BackupVaultLockConfiguration } from "@cdktf/provider-aws/lib/backup-vault-lock-configuration";
import { Construct } from "constructs";
import type { Namer } from "../../naming";

/** The longest retention AWS Backup accepts (100 years), in days. */
const MAX_RETENTION_DAYS = 36500;

export interface BackupVaultProps {
  readonly namer: Namer;
  /** The region's customer key: recovery points copied into this vault are re-encrypted with it. */
  readonly kmsKeyArn: string;
  /**
   * Vault Lock's minimum retention: no recovery point in the vault can be deleted, nor its
   * retention shortened, before it is this many days old, and a backup or copy job asking for less
   * fails. Give the shortest retention any plan writes into the vault (local points and copies).
   */
  readonly lockMinRetentionDays: number;
}

/**
 * The region's AWS Backup vault, encrypted with the region's customer key and locked.
 *
 * One per region because a backup copied across regions lands in a vault of the destination
 * region and is re-encrypted with that vault's key: the primary's plan copies to the DR vault,
 * whose ARN it derives with {@link BackupVault.vaultName} (the DR stack is applied separately).
 * `force_destroy` stays off so a vault holding recovery points cannot be destroyed with them.
 *
 * WHY the lock: a compromised pipeline or a mistaken teardown would otherwise remove the recovery
 * points of both regions. The lock is in governance mode (no `changeable_for_days`): a principal
 * allowed `backup:DeleteBackupVaultLockConfiguration` can still remove it, which the CI apply role
 * is denied unless the config sets `teardown` (the ci stack). Compliance mode would make it
 * permanent after its grace time, and a short-lived environment could then never be destroyed.
 * Teardown removes the lock in its apply (`TEARDOWN_LIFTS`), before `destroy` empties the vault.
 */
export class BackupVault extends Construct {
  /** The vault name for a scope, e.g. `namer.forScope("dr")` for the copy destination. */
  static vaultName(namer: Namer): string {
    return namer.name("backup", "backupVault");
  }

  readonly vault: BackupVaultResource;
  readonly lock: BackupVaultLockConfiguration;
  readonly name: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: BackupVaultProps) {
    super(scope, id);
    const name = BackupVault.vaultName(props.namer);
    const minDays = props.lockMinRetentionDays;
    if (!Number.isInteger(minDays) || minDays < 1 || minDays > MAX_RETENTION_DAYS) {
      throw new Error(
        `BackupVault ${name}: lockMinRetentionDays must be a whole number of days from 1 to ${MAX_RETENTION_DAYS} (the shortest retention a plan writes into the vault), got ${minDays}`,
      );
    }
    this.vault = new BackupVaultResource(this, "Resource", { name, kmsKeyArn: props.kmsKeyArn });
    this.lock = new BackupVaultLockConfiguration(this, "Lock", {
      backupVaultName: this.vault.name,
      minRetentionDays: minDays,
    });
    this.name = this.vault.name;
    this.arn = this.vault.arn;
  }
}
