/** Runs `npm run plan`'s offline machinery (src/tooling/plan/) on one synthesized stack, for specs. */
import * as fs from "node:fs";
import * as path from "node:path";
import { inventoryFromStacks, secretNamesInState } from "../../src/tooling/aws-stub/inventory";
import type { StubInventory } from "../../src/tooling/aws-stub/protocol";
import { type RecordedCall, startAwsStub } from "../../src/tooling/aws-stub/server";
import type { PlanOutcome } from "../../src/tooling/plan/outcome";
import { type ParsedPlan, parsePlan } from "../../src/tooling/plan/plan-json";
import { PLAN_FILES, planStack } from "../../src/tooling/plan/plan-stack";
import { offlineEnv } from "../../src/tooling/plan/workspace";
import { findProviderMirror, mirroredProviders } from "../../src/tooling/provider-mirror";
import { cliConfigPath } from "../../src/tooling/terraform-cli";
import { tempDir } from "../tooling/fixtures";

export interface OfflinePlanRequest {
  /** The stack's name in the synthesized output. */
  readonly stack: string;
  /** The synthesized stack directory (`<outdir>/stacks/<stack>`), which the plan only reads. */
  readonly stackDir: string;
  /** What the fake account holds beyond what the stack looks up. @default - a fresh account */
  readonly inventory?: Partial<StubInventory>;
  /**
   * A Terraform state (v4 JSON) to plan against instead of an empty one: what a previous apply
   * left, for plans of a change rather than a first deploy. The stub only answers plan-time calls,
   * not every resource's read, so the plan does not refresh it: the state is the account's truth.
   * @default - none: every resource is planned for creation
   */
  readonly priorState?: unknown;
  /** Regions the stub plays as down: every call signed for them is refused and recorded. */
  readonly refusedRegions?: readonly string[];
  /** Addresses of stateful resources the reviewer accepts losing. */
  readonly allowDestroy?: readonly string[];
  /** Plan the stack's destruction (`npm run plan -- --destroy`). */
  readonly destroy?: boolean;
}

/** The outcome, every call the stub received and, when Terraform saved a plan, the plan and its summary. */
export interface OfflinePlanResult {
  readonly outcome: PlanOutcome;
  readonly calls: readonly RecordedCall[];
  /** Where `plan.bin`, `plan.json`, `summary.md` and `plan-meta.json` are. */
  readonly planDir: string;
  /** `terraform show -json` of the saved plan, parsed; undefined when nothing was saved. */
  readonly plan?: ParsedPlan;
  /** The raw `terraform show -json` document. */
  readonly planJson?: unknown;
  readonly summary?: string;
}

/** Plans `stackDir` against a fresh stub, as `npm run plan` does, and reads back what it saved. */
export async function planOffline(request: OfflinePlanRequest): Promise<OfflinePlanResult> {
  const stackJson: unknown = JSON.parse(fs.readFileSync(path.join(request.stackDir, "cdk.tf.json"), "utf8"));
  const work = tempDir("offline-plan");
  let priorStateFile: string | undefined;
  if (request.priorState !== undefined) {
    priorStateFile = path.join(work, "prior.tfstate");
    fs.writeFileSync(priorStateFile, JSON.stringify(request.priorState));
  }
  const fresh = inventoryFromStacks([stackJson]);
  // The secrets a deployed state holds exist; its ephemeral reads open them.
  const secretNames = [...fresh.secretNames, ...secretNamesInState(request.priorState)];
  const stub = await startAwsStub({
    inventory: { ...fresh, secretNames, ...request.inventory },
    refusedRegions: request.refusedRegions,
  });
  const mirror = findProviderMirror(process.env);
  const planDir = path.join(work, "plans", request.stack);
  try {
    const outcome = await planStack({
      stack: request.stack,
      stackDir: request.stackDir,
      stackJson,
      planDir,
      target: { kind: "offline", workDir: path.join(work, "copy"), stubUrl: stub.url, priorStateFile },
      env: offlineEnv(cliConfigPath(path.resolve(__dirname, "..", "..")), process.env),
      mirroredProviders: mirror === undefined ? [] : mirroredProviders(mirror),
      allowDestroy: request.allowDestroy ?? [],
      destroy: request.destroy,
    });
    const saved = path.join(planDir, PLAN_FILES.json);
    if (!fs.existsSync(saved)) {
      return { outcome, calls: [...stub.calls], planDir };
    }
    const text = fs.readFileSync(saved, "utf8");
    return {
      outcome,
      calls: [...stub.calls],
      planDir,
      plan: parsePlan(text),
      planJson: JSON.parse(text),
      summary: fs.readFileSync(path.join(planDir, PLAN_FILES.summary), "utf8"),
    };
  } finally {
    await stub.close();
  }
}
