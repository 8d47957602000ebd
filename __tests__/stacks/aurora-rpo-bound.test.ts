import { buildApp, resourcesOf, synthJson, testConfig } from "../support/synth";

/** The parameters of the one cluster parameter group in a regional stack, by name. */
function parameters(globalRpoSeconds: number | null, role: "primary" | "dr"): Record<string, string> {
  const stacks = buildApp(testConfig({ database: { globalRpoSeconds } }));
  const [group] = Object.values(resourcesOf(synthJson(stacks[role]), "aws_rds_cluster_parameter_group"));
  return Object.fromEntries((group.parameter as { name: string; value: string }[]).map((p) => [p.name, p.value]));
}

describe("database.globalRpoSeconds in the regional stacks", () => {
  test.each(["primary", "dr"] as const)("bounds %s's cluster, so the bound survives a failover", (role) => {
    expect(parameters(120, role)).toEqual({ "rds.force_ssl": "1", "rds.global_db_rpo": "120" });
  });

  test.each(["primary", "dr"] as const)("leaves %s's cluster unbounded when null", (role) => {
    expect(parameters(null, role)).toEqual({ "rds.force_ssl": "1" });
  });
});
