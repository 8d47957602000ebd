import { BackupVault as BackupVaultResource } from "@cdktf/provider-aws/lib/backup-vault";
import { Construct } from "constructs";
import type { Namer } from "../../naming";

export interface BackupVaultProps {
  readonly namer: Namer;
  /** The region's customer key: recovery points copied into this vault are re-encrypted with it. */
  readonly kmsKeyArn: string;
}

/**
 * The region's AWS Backup vault, encrypted with the region's customer key.
 *
 * One per region because a backup copied across regions lands in a vault of the destination
 * region and is re-encrypted with that vault's key: the primary's plan copies to the DR vault,
 * whose ARN it derives with {@link BackupVault.vaultName} (the DR stack is applied separately).
 * `force_destroy` stays off so a vault holding recovery points cannot be destroyed with them.
 */
export class BackupVault extends Construct {
  /** The vault name for a scope, e.g. `namer.forScope("dr")` for the copy destination. */
  static vaultName(namer: Namer): string {
    return namer.name("backup", "backupVault");
  }

  readonly vault: BackupVaultResource;
  readonly name: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: BackupVaultProps) {
    super(scope, id);
    this.vault = new BackupVaultResource(this, "Resource", {
      name: BackupVault.vaultName(props.namer),
      kmsKeyArn: props.kmsKeyArn,
    });
    this.name = this.vault.name;
    this.arn = this.vault.arn;
  }
}
