import * as path from "node:path";
import { Testing } from "cdktf";
import { planOffline } from "../support/offline-plan";
import { buildApp } from "../support/synth";
import { removeTempDirs } from "../tooling/fixtures";

afterAll(removeTempDirs);

const PRIMARY_REGION = "us-east-2";

/**
 * The failure-domain rule, proven by Terraform itself: `global` and `dr` are planned against the
 * offline AWS stub playing us-east-2 as down, so any plan-time call into that region (a provider,
 * a data source, remote state would all make one) is refused and recorded.
 */
describe.each(["global", "dr"] as const)("an offline plan of %s while us-east-2 is down", (name) => {
  it("succeeds, handles every call, and never calls us-east-2", async () => {
    const stack = buildApp()[name];
    const stackDir = path.join(Testing.fullSynth(stack), "stacks", name);
    const { outcome, calls } = await planOffline({ stack: name, stackDir, refusedRegions: [PRIMARY_REGION] });
    expect(outcome.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
    expect(outcome).toMatchObject({ result: "planned", counts: { change: 0, destroy: 0 } });
    expect(outcome.counts?.add).toBeGreaterThan(0);
    expect(calls.filter((call) => call.region === PRIMARY_REGION)).toEqual([]);
    expect(calls.filter((call) => !call.handled)).toEqual([]);
    // The stack did reach AWS (its own regions), so "no us-east-2 call" is not an empty test.
    expect(calls.length).toBeGreaterThan(0);
  });
});
