import { appDatabaseEnvironment } from "../../src/modules/database/app-connection";
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

describe("the app's database contract: IAM tokens for the endpoint behind the generic name", () => {
  const app = buildApp(testConfig({ web: { runtime: "ec2" } }));

  /** The deploy project's chart values for the region, as the app reads them. */
  function chartDatabase(json: SynthesizedStack): Record<string, unknown> {
    const [project] = Object.values(resourcesOf(json, "aws_codebuild_project")).filter((p) =>
      String(p.name).endsWith("-helm-deploy"),
    );
    const variables = (project.environment as { environment_variable: { name: string; value: string }[] })
      .environment_variable;
    const values = JSON.parse(String(variables.find((v) => v.name === "HELM_VALUES_JSON")?.value));
    return values.app.database;
  }

  it.each(["primary", "dr"] as const)(
    "in %s, both runtimes are told the host is a CNAME of the region's own cluster, to resolve and sign for, with TLS checking that endpoint's name",
    (role) => {
      const json = synthJson(app[role]);
      const database = chartDatabase(json);
      expect(database).toMatchObject({ host: "db.titan.internal", hostIsCname: true, sslMode: "verify-full" });
      const cname = Object.values(resourcesOf(json, "aws_route53_record")).find((r) => r.name === database.host);
      expect(cname?.type).toBe("CNAME");
      expect(cname?.records).toEqual([
        expect.stringMatching(/^\$\{aws_rds_cluster\.\w+\.(endpoint|reader_endpoint)\}$/),
      ]);
      // The web tier's user data is a Terraform expression here (the Redis endpoint is a reference).
      const webTemplate = Object.values(resourcesOf(json, "aws_launch_template")).find((t) =>
        String(t.name).endsWith("-web"),
      );
      const script = String(webTemplate?.user_data);
      for (const [key, value] of Object.entries(
        appDatabaseEnvironment({ host: "db.titan.internal", name: "birthday", user: "birthday_app" }),
      )) {
        expect(script).toMatch(new RegExp(`\\\\n${key}=(\\", \\")?${value.replace(/\./g, "\\.")}(\\", \\")?\\\\n`));
      }
    },
  );
});
