import { BackupVault as BackupVaultResource } from "@cdktf/provider-aws/lib/backup-vault";
import { BackupVaultLockConfiguration } from "@cdktf/provider-aws/lib/backup-vault-lock-configuration";
import { Testing } from "cdktf";
import { BackupVault, type BackupVaultProps } from "../../../src/modules/backup/backup-vault";
import { Namer } from "../../../src/naming";
import { resourcesOf, type SynthesizedStack } from "../../support/synth";

const KEY = "arn:aws:kms:us-east-2:111122223333:key/data";

function synth(props: Partial<BackupVaultProps> = {}): string {
  return Testing.synthScope((scope) => {
    new BackupVault(scope, "Vault", {
      namer: new Namer("titan", "primary"),
      kmsKeyArn: KEY,
      lockMinRetentionDays: 35,
      ...props,
    });
  });
}

describe("BackupVault", () => {
  const json = synth();

  it("encrypts recovery points with the region's customer key, named per scope", () => {
    expect(json).toHaveResourceWithProperties(BackupVaultResource, { name: "titan-primary-backup", kms_key_arn: KEY });
  });

  it("cannot be destroyed while it holds recovery points", () => {
    const [vault] = Object.values(resourcesOf(JSON.parse(json) as SynthesizedStack, "aws_backup_vault"));
    expect(vault).not.toHaveProperty("force_destroy");
  });

  it("locks the vault in governance mode: nothing in it is deleted or shortened before the minimum retention", () => {
    const [[vaultId]] = Object.entries(resourcesOf(JSON.parse(json) as SynthesizedStack, "aws_backup_vault"));
    const [lock] = Object.values(
      resourcesOf(JSON.parse(json) as SynthesizedStack, "aws_backup_vault_lock_configuration"),
    );
    expect(lock).toEqual({ backup_vault_name: `\${aws_backup_vault.${vaultId}.name}`, min_retention_days: 35 });
    // Compliance mode (changeable_for_days) could never be lifted, not even for teardown.
    expect(lock).not.toHaveProperty("changeable_for_days");
    expect(json).toHaveResourceWithProperties(BackupVaultLockConfiguration, { min_retention_days: 35 });
  });

  test.each([0, -1, 1.5, 36501])("refuses a lock minimum of %p days", (days) => {
    expect(() => synth({ lockMinRetentionDays: days })).toThrow(
      /BackupVault titan-primary-backup: lockMinRetentionDays must be a whole number of days from 1 to 36500/,
    );
  });

  it("names the other region's vault, so the primary's plan can copy to it", () => {
    expect(BackupVault.vaultName(new Namer("titan", "dr"))).toBe("titan-dr-backup");
  });
});
