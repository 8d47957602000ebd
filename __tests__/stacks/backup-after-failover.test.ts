import { buildApp, resourcesOf, synthJson, testConfig } from "../support/synth";

function backup(activeRole: "primary" | "dr", role: "primary" | "dr") {
  const json = synthJson(buildApp(testConfig({ dr: { activeRole } }))[role]);
  const plans = Object.values(resourcesOf(json, "aws_backup_plan"));
  const selections = Object.values(resourcesOf(json, "aws_backup_selection"));
  return { plans, selections };
}

describe("both regions' vaults are locked", () => {
  test.each(["primary", "dr"] as const)(
    "%s's vault keeps every recovery point for the shortest retention any job writes into it",
    (role) => {
      // A vault takes its own plan's points (while active) and the other region's copies: a lock
      // minimum above either retention would fail those jobs.
      const config = { backup: { retentionDays: 35, copyRetentionDays: 14 } };
      const json = synthJson(buildApp(testConfig(config))[role]);
      const [[vaultId]] = Object.entries(resourcesOf(json, "aws_backup_vault"));
      expect(Object.values(resourcesOf(json, "aws_backup_vault_lock_configuration"))).toEqual([
        { backup_vault_name: `\${aws_backup_vault.${vaultId}.name}`, min_retention_days: 14 },
      ]);
    },
  );
});

describe("AWS Backup follows the Aurora writer (dr.activeRole)", () => {
  it("backs up primary's cluster in normal operation, copying to DR's vault, and nothing in DR", () => {
    const primary = backup("primary", "primary");
    expect(primary.plans).toHaveLength(1);
    const [rule] = primary.plans[0].rule as { copy_action: { destination_vault_arn: string }[] }[];
    expect(rule.copy_action[0].destination_vault_arn).toBe(
      "arn:aws:backup:us-west-1:${data.aws_caller_identity.Account.account_id}:backup-vault:titan-dr-backup",
    );
    expect(backup("primary", "dr")).toEqual({ plans: [], selections: [] });
  });

  it("after a failover backs up DR's cluster, the writer, copying to primary's vault", () => {
    const dr = backup("dr", "dr");
    expect(dr.plans).toEqual([expect.objectContaining({ name: "titan-dr-aurora" })]);
    const [rule] = dr.plans[0].rule as { copy_action: { destination_vault_arn: string }[] }[];
    expect(rule.copy_action[0].destination_vault_arn).toBe(
      "arn:aws:backup:us-east-2:${data.aws_caller_identity.Account.account_id}:backup-vault:titan-primary-backup",
    );
    expect(dr.selections).toEqual([
      expect.objectContaining({
        name: "titan-dr-aurora",
        resources: [expect.stringMatching(/^\$\{aws_rds_cluster\.Aurora_.*\.arn\}$/)],
      }),
    ]);
    // Primary, once it is back as the secondary, stops backing up its cluster at its next apply.
    expect(backup("dr", "primary")).toEqual({ plans: [], selections: [] });
  });
});
