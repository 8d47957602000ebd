import * as fs from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import { inventoryFromStacks } from "../../src/tooling/aws-stub/inventory";
import { startAwsStub } from "../../src/tooling/aws-stub/server";
import { offlineEnv, planStack } from "../../src/tooling/plan-offline";
import { findProviderMirror, mirroredProviders } from "../../src/tooling/provider-mirror";
import { cliConfigPath } from "../../src/tooling/terraform-cli";
import { buildApp } from "../support/synth";
import { removeTempDirs, tempDir } from "../tooling/fixtures";

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
    const stackJson: unknown = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
    const mirror = findProviderMirror(process.env);
    const stub = await startAwsStub({ inventory: inventoryFromStacks([stackJson]), refusedRegions: [PRIMARY_REGION] });
    let outcome: Awaited<ReturnType<typeof planStack>>;
    try {
      outcome = await planStack({
        stack: name,
        stackDir,
        stackJson,
        workDir: path.join(tempDir("failure-domain"), name),
        stubUrl: stub.url,
        env: offlineEnv(cliConfigPath(path.resolve(__dirname, "..", "..")), process.env),
        mirroredProviders: mirror === undefined ? [] : mirroredProviders(mirror),
      });
    } finally {
      await stub.close();
    }
    expect(outcome.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
    expect(outcome).toMatchObject({ result: "planned", counts: { change: 0, destroy: 0 } });
    expect(outcome.counts?.add).toBeGreaterThan(0);
    expect(stub.calls.filter((call) => call.region === PRIMARY_REGION)).toEqual([]);
    expect(stub.calls.filter((call) => !call.handled)).toEqual([]);
    // The stack did reach AWS (its own regions), so "no us-east-2 call" is not an empty test.
    expect(stub.calls.length).toBeGreaterThan(0);
  });
});
