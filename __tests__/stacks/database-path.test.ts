import { buildApp, resourcesOf, type SynthesizedStack, synthJson, testConfig } from "../support/synth";

/** The CNAME targets of the private zone's generic DB names, by record name. */
function dbTargets(json: SynthesizedStack): Record<string, string> {
  const records = Object.values(resourcesOf(json, "aws_route53_record")).filter((r) => r.type === "CNAME");
  return Object.fromEntries(
    records.map((r) => [String(r.name), String((r.records as string[])[0]).replace(/^.*\.(\w+)\}$/, "$1")]),
  );
}

describe("the database path after a failover (dr.activeRole = dr)", () => {
  const failedOver = buildApp(testConfig({ dr: { activeRole: "dr" } }));

  it("points DR's db at DR's writer, the cluster Aurora promoted: no DNS edit, one config flip", () => {
    expect(dbTargets(synthJson(failedOver.dr))).toEqual({
      "db.titan.internal": "endpoint",
      "db-reader.titan.internal": "reader_endpoint",
    });
  });

  it("points the recovered primary's db at its reader, which forwards writes to DR's writer", () => {
    expect(dbTargets(synthJson(failedOver.primary))).toEqual({
      "db.titan.internal": "reader_endpoint",
      "db-reader.titan.internal": "reader_endpoint",
    });
  });

  it("changes nothing else about the clusters: membership stays guarded, forwarding stays on", () => {
    for (const stack of [failedOver.primary, failedOver.dr]) {
      const [cluster] = Object.values(resourcesOf(synthJson(stack), "aws_rds_cluster"));
      expect(cluster).toMatchObject({
        enable_global_write_forwarding: true,
        lifecycle: { ignore_changes: expect.arrayContaining(["global_cluster_identifier"]) },
      });
    }
  });

  it("keeps SESSION consistency for forwarded writes: the parameter groups leave the default alone", () => {
    const [group] = Object.values(resourcesOf(synthJson(failedOver.dr), "aws_rds_cluster_parameter_group"));
    const names = (group.parameter as { name: string }[]).map((parameter) => parameter.name);
    expect(names).not.toContain("apg_write_forward.consistency_mode");
  });
});
