/**
 * Plans of deployed stacks for specs, offline: a stack synthesized from a test config, planned
 * through the shared harness (offline-plan.ts), optionally against a state, and a "deployed"
 * state built by applying plans on paper until the stack plans no changes (state-from-plan.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type TerraformStack, Testing } from "cdktf";
import type { TitanStacks } from "../../src/app";
import type { PlanOutcome } from "../../src/tooling/plan/outcome";
import type { ParsedPlan } from "../../src/tooling/plan/plan-json";
import { planOffline as planAgainstStub } from "./offline-plan";
import { stateFromPlan } from "./state-from-plan";
import { buildApp, testConfig } from "./synth";

/** A synthesized stack on disk. */
export interface SynthesizedStackDir {
  readonly name: string;
  /** The cdktf output directory holding `manifest.json` and `stacks/`. */
  readonly outDir: string;
  readonly dir: string;
  readonly json: unknown;
}

/** Synthesizes `pick(stacks)` of the app built from the defaults with `overrides` merged in. */
export function synthesizeStack(overrides: object, pick: (stacks: TitanStacks) => TerraformStack): SynthesizedStackDir {
  const stack = pick(buildApp(testConfig(overrides)));
  const outDir = Testing.fullSynth(stack);
  const dir = path.join(outDir, "stacks", stack.node.id);
  return { name: stack.node.id, outDir, dir, json: JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8")) };
}

/** What one offline plan produced. */
export interface OfflinePlan {
  readonly outcome: PlanOutcome;
  readonly plan: ParsedPlan;
  /** The raw `terraform show -json` document. */
  readonly planJson: unknown;
  readonly summary: string;
  readonly planDir: string;
}

/** Options for {@link planOffline}. */
export interface PlanOfflineOptions {
  /** A state to plan against, e.g. from {@link deployedState}. */
  readonly state?: unknown;
  readonly allowDestroy?: readonly string[];
  /** Plan the stack's destruction. */
  readonly destroy?: boolean;
  /** Return a failed plan instead of throwing, to inspect its diagnostics. */
  readonly mayFail?: boolean;
}

/** Plans `stack` through the shared harness ({@link planAgainstStub}); a call the stub cannot answer is an error. */
export async function planOffline(stack: SynthesizedStackDir, options: PlanOfflineOptions = {}): Promise<OfflinePlan> {
  const { outcome, calls, planDir, plan, planJson, summary } = await planAgainstStub({
    stack: stack.name,
    stackDir: stack.dir,
    priorState: options.state,
    allowDestroy: options.allowDestroy,
    destroy: options.destroy,
  });
  const unhandled = calls.filter((c) => !c.handled);
  if (unhandled.length > 0) {
    throw new Error(`the stub could not answer: ${unhandled.map((c) => `${c.call} ${c.detail ?? ""}`).join("; ")}`);
  }
  if (outcome.result !== "planned" && outcome.result !== "blocked") {
    if (options.mayFail) {
      const nothing: ParsedPlan = { changes: [], outputChanges: [], applyable: false, errored: true };
      return { outcome, plan: nothing, planJson: undefined, summary: "", planDir };
    }
    const diagnostics = outcome.diagnostics.map((d) => `${d.summary} ${d.address ?? ""}: ${d.detail ?? ""}`);
    throw new Error(`${stack.name} did not plan (${outcome.result}): ${outcome.note ?? ""}\n${diagnostics.join("\n")}`);
  }
  if (plan === undefined || summary === undefined) {
    throw new Error(`${stack.name} planned but saved no plan in ${planDir}`);
  }
  return { outcome, plan, planJson, summary, planDir };
}

/** True when a plan changes nothing (data source reads aside). */
export function changesNothing(plan: ParsedPlan): boolean {
  return plan.changes.every((change) => change.action === "no-op" || change.action === "read");
}

/** A stack as deployed: its state, the first plan (what the change does), and the last, which changes nothing. */
export interface Deployed {
  readonly state: unknown;
  readonly first: OfflinePlan;
  readonly settled: OfflinePlan;
  readonly rounds: number;
}

/**
 * The state of `stack` as if it had been applied, starting from `state` (nothing: a first
 * deployment): plan, write the planned values as state, and plan again until nothing changes.
 * Each round settles what the previous one could only know after apply (ids feeding other
 * resources, policy documents built from ARNs).
 *
 * @throws Error when the stack still changes after `maxRounds` plans.
 */
export async function deploy(stack: SynthesizedStackDir, state?: unknown, maxRounds = 5): Promise<Deployed> {
  let current = state;
  let first: OfflinePlan | undefined;
  for (let round = 1; round <= maxRounds; round++) {
    const planned = await planOffline(stack, { state: current });
    first ??= planned;
    if (current !== undefined && changesNothing(planned.plan)) {
      return { state: current, first, settled: planned, rounds: round };
    }
    current = stateFromPlan(planned.planJson, current);
  }
  throw new Error(`${stack.name}: still changing after ${maxRounds} plans; state-from-plan misses a value`);
}
