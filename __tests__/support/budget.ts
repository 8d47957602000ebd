import type { TitanConfig } from "../../src/config";
import { type Budget, computeBudget } from "../../src/tooling/dr/budget";
import { renderStacks, type SynthesizedStacks } from "../../src/tooling/dr/synthesized";
import { buildApp, testConfig } from "./synth";

const rendered = new Map<string, SynthesizedStacks>();

/** The stacks `main.ts` would write for `config`, rendered in process (once per config and test file). */
export function stacksFor(config: TitanConfig): SynthesizedStacks {
  const key = JSON.stringify(config);
  let stacks = rendered.get(key);
  if (stacks === undefined) {
    stacks = renderStacks(buildApp(config).primary.node.root);
    rendered.set(key, stacks);
  }
  return stacks;
}

/** The recovery budget of the defaults with `overrides` merged in. */
export function budgetFor(overrides: object = {}): { config: TitanConfig; stacks: SynthesizedStacks; budget: Budget } {
  const config = testConfig(overrides);
  const stacks = stacksFor(config);
  return { config, stacks, budget: computeBudget(config, stacks) };
}
