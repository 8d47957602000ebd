import { Testing } from "cdktf";
import { CrossRegionStack } from "../../src/stacks/cross-region-stack";
import { GlobalStack } from "../../src/stacks/global-stack";
import { RegionalStack } from "../../src/stacks/regional/regional-stack";
import { testConfig } from "../support/synth";

/**
 * Every stack that uses only the AWS provider passes `terraform validate` against the real
 * provider schema. Test instances use a local backend: `toBeValidTerraform` runs a plain
 * `terraform init`, which would try to reach the S3 state bucket.
 */
describe("AWS-only stacks are valid Terraform", () => {
  test.each(["eks", "ec2"] as const)("primary and dr with web.runtime = %s", (runtime) => {
    const config = testConfig({ web: { runtime } });
    const app = Testing.app();
    const primary = new RegionalStack(app, "primary", { config, role: "primary", backend: "local" });
    const dr = new RegionalStack(app, "dr", { config, role: "dr", backend: "local" });
    expect(Testing.fullSynth(primary)).toBeValidTerraform();
    expect(Testing.fullSynth(dr)).toBeValidTerraform();
  });

  it("global and cross-region", () => {
    const app = Testing.app();
    const global = new GlobalStack(app, "global", { config: testConfig(), backend: "local" });
    const crossRegion = new CrossRegionStack(app, "cross-region", { config: testConfig(), backend: "local" });
    expect(Testing.fullSynth(global)).toBeValidTerraform();
    expect(Testing.fullSynth(crossRegion)).toBeValidTerraform();
  });

  it("global with Shield Advanced, the anonymous-IP rules, 30 s checks and no cached path", () => {
    const config = testConfig({
      edge: {
        shieldAdvanced: true,
        waf: { anonymousIpList: true },
        healthCheck: { requestIntervalSeconds: 30 },
        cloudFront: { cachedPaths: [] },
      },
    });
    const global = new GlobalStack(Testing.app(), "global", { config, backend: "local" });
    expect(Testing.fullSynth(global)).toBeValidTerraform();
  });
});
