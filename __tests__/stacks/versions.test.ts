import { buildApp, resourcesOf, synthJson, testConfig } from "../support/synth";

describe("versions in the regional stacks", () => {
  test.each(["primary", "dr"] as const)(
    "run %s's cluster on 1.35 with the EXTENDED support type by default",
    (role) => {
      const [cluster] = Object.values(resourcesOf(synthJson(buildApp()[role]), "aws_eks_cluster"));
      expect(cluster).toMatchObject({ version: "1.35", upgrade_policy: { support_type: "EXTENDED" } });
    },
  );

  it("take the support type from config", () => {
    const app = buildApp(testConfig({ kubernetes: { supportType: "STANDARD" } }));
    const [cluster] = Object.values(resourcesOf(synthJson(app.dr), "aws_eks_cluster"));
    expect(cluster).toMatchObject({ upgrade_policy: { support_type: "STANDARD" } });
  });

  it("pin the Aurora engine on the global cluster and both regional clusters", () => {
    const app = buildApp();
    const [global] = Object.values(resourcesOf(synthJson(app.primary), "aws_rds_global_cluster"));
    expect(global).toMatchObject({ engine_version: "16.11" });
    for (const stack of [app.primary, app.dr]) {
      const [cluster] = Object.values(resourcesOf(synthJson(stack), "aws_rds_cluster"));
      expect(cluster).toMatchObject({ engine_version: "16.11" });
    }
  });
});
