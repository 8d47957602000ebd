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

export function synthJson(stack: TerraformStack): SynthesizedStack {
  return JSON.parse(Testing.synth(stack));
}

/** The resources of one type in a synthesized stack, by logical name. */
export function resourcesOf(synth: SynthesizedStack, type: string): Record<string, Record<string, unknown>> {
  return synth.resource?.[type] ?? {};
}

/** A test config: the defaults with `overrides` merged in and validated. */
export function testConfig(overrides: object = {}): TitanConfig {
  return resolveConfig(overrides, "test");
}

/** All seven stacks in a fresh app, as `main.ts` builds them. */
export function buildApp(config: TitanConfig = testConfig()): TitanStacks {
  return buildTitan(Testing.app(), config);
}

export { App };
