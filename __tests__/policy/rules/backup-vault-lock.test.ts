import { backupVaultLock } from "../../../src/policy/rules/backup-vault-lock";
import { type Case, expectVerdict } from "./fixtures";

const GOVERNANCE = { backup_vault_name: "${aws_backup_vault.Vault.name}", min_retention_days: 35 };

describe("TITAN-BACKUP-1: vault locks keep recovery points for a minimum retention, in governance mode", () => {
  test.each<Case>([
    ["a governance lock with the plan's retention (as synthesized)", GOVERNANCE, "compliant"],
    ["a governance lock with a maximum too", { ...GOVERNANCE, max_retention_days: 365 }, "compliant"],
    [
      "a lock without a minimum retention",
      { backup_vault_name: "v" },
      /min_retention_days is not set: give the shortest retention/,
    ],
    ["a lock with a zero minimum", { ...GOVERNANCE, min_retention_days: 0 }, /min_retention_days is not set/],
    [
      "a compliance-mode lock",
      { ...GOVERNANCE, changeable_for_days: 3 },
      /compliance-mode lock, permanent once its grace time passes: leave it unset/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(backupVaultLock, attributes, expected));
});
