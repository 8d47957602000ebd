/** Runs the offline plan machinery (src/tooling/plan-offline.ts) on one synthesized stack, for specs. */
import * as fs from "node:fs";
import * as path from "node:path";
import { inventoryFromStacks } from "../../src/tooling/aws-stub/inventory";
import type { StubInventory } from "../../src/tooling/aws-stub/protocol";
import { type RecordedCall, startAwsStub } from "../../src/tooling/aws-stub/server";
import { offlineEnv, type PlanStackOptions, planStack } from "../../src/tooling/plan-offline";
import type { PlanOutcome } from "../../src/tooling/plan-offline-report";
import { findProviderMirror, mirroredProviders } from "../../src/tooling/provider-mirror";
import { cliConfigPath } from "../../src/tooling/terraform-cli";
import { tempDir } from "../tooling/fixtures";

export interface OfflinePlanRequest extends Pick<PlanStackOptions, "priorState" | "refresh" | "showPlan"> {
  /** The stack's name in the synthesized output. */
  readonly stack: string;
  /** The synthesized stack directory (`<outdir>/stacks/<stack>`), which the plan only reads. */
  readonly stackDir: string;
  /** What the fake account holds beyond what the stack looks up. @default - a fresh account */
  readonly inventory?: Partial<StubInventory>;
}

/** Plans `stackDir` against a fresh stub; returns the outcome and every call the stub received. */
export async function planOffline(
  request: OfflinePlanRequest,
): Promise<{ outcome: PlanOutcome; calls: readonly RecordedCall[] }> {
  const stackJson: unknown = JSON.parse(fs.readFileSync(path.join(request.stackDir, "cdk.tf.json"), "utf8"));
  const stub = await startAwsStub({ inventory: { ...inventoryFromStacks([stackJson]), ...request.inventory } });
  const mirror = findProviderMirror(process.env);
  try {
    const outcome = await planStack({
      stack: request.stack,
      stackDir: request.stackDir,
      stackJson,
      workDir: path.join(tempDir("plan-offline"), request.stack),
      stubUrl: stub.url,
      env: offlineEnv(cliConfigPath(path.resolve(__dirname, "..", "..")), process.env),
      mirroredProviders: mirror === undefined ? [] : mirroredProviders(mirror),
      priorState: request.priorState,
      refresh: request.refresh,
      showPlan: request.showPlan,
    });
    return { outcome, calls: [...stub.calls] };
  } finally {
    await stub.close();
  }
}
