import { BackupVault as BackupVaultResource } from "@cdktf/provider-aws/lib/backup-vault";
import { Testing } from "cdktf";
import { BackupVault } from "../../../src/modules/backup/backup-vault";
import { Namer } from "../../../src/naming";
import { resourcesOf, type SynthesizedStack } from "../../support/synth";

const KEY = "arn:aws:kms:us-east-2:111122223333:key/data";

describe("BackupVault", () => {
  const json = Testing.synthScope((scope) => {
    new BackupVault(scope, "Vault", { namer: new Namer("titan", "primary"), kmsKeyArn: KEY });
  });

  it("encrypts recovery points with the region's customer key, named per scope", () => {
    expect(json).toHaveResourceWithProperties(BackupVaultResource, { name: "titan-primary-backup", kms_key_arn: KEY });
  });

  it("cannot be destroyed while it holds recovery points", () => {
    const [vault] = Object.values(resourcesOf(JSON.parse(json) as SynthesizedStack, "aws_backup_vault"));
    expect(vault).not.toHaveProperty("force_destroy");
  });

  it("names the other region's vault, so the primary's plan can copy to it", () => {
    expect(BackupVault.vaultName(new Namer("titan", "dr"))).toBe("titan-dr-backup");
  });
});
