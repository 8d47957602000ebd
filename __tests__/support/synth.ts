import { App, type TerraformStack, Testing } from "cdktf";
import { buildTitan, type TitanStacks } from "../../src/app";
import { resolveConfig, type TitanConfig } from "../../src/config";

/** Synthesized Terraform JSON of `stack`, parsed. */
export interface SynthesizedStack {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { value: unknown; description?: string }>;
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly terraform: {
    backend?: Record<string, Record<string, unknown>>;
    required_providers: Record<string, unknown>;
  };
}

const synthesized = new WeakMap<TerraformStack, SynthesizedStack>();

/**
 * Synthesized Terraform JSON of `stack`, parsed; a stack is synthesized once, and its readers
 * share the result (treat it as read-only).
 */
export function synthJson(stack: TerraformStack): SynthesizedStack {
  let json = synthesized.get(stack);
  if (json === undefined) {
    json = JSON.parse(Testing.synth(stack)) as SynthesizedStack;
    synthesized.set(stack, json);
  }
  return json;
}

/** The resources of one type in a synthesized stack, by logical name. */
export function resourcesOf(synth: SynthesizedStack, type: string): Record<string, Record<string, unknown>> {
  return synth.resource?.[type] ?? {};
}

/** A test config: the defaults with `overrides` merged in and validated. */
export function testConfig(overrides: object = {}): TitanConfig {
  return resolveConfig(overrides, "test");
}

const built = new Map<string, TitanStacks>();

/**
 * Every stack of an app built from `config`, as `main.ts` builds them. A build depends only on its
 * config, so a spec file builds each config once and its tests share the stacks: read them, never
 * add to them (a construct added would leak into the next test; build with `buildTitan` for that).
 */
export function buildApp(config: TitanConfig = testConfig()): TitanStacks {
  const key = JSON.stringify(config);
  let stacks = built.get(key);
  if (stacks === undefined) {
    stacks = buildTitan(Testing.app(), config);
    built.set(key, stacks);
  }
  return stacks;
}

export { App };
