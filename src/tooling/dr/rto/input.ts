/** What every recovery term is computed from, and the helpers all of them use. */
import type { TitanConfig } from "../../../config";
import type { SynthesizedStacks } from "../synthesized";
import { configSource, docSource, type Term } from "../terms";

/** What the terms are computed from. */
export interface BudgetInput {
  readonly config: TitanConfig;
  readonly stacks: SynthesizedStacks;
}

type Assumption = keyof TitanConfig["dr"]["assumptions"];

/** A duration AWS does not publish, from `dr.assumptions`. */
export function assumedTerm(
  config: TitanConfig,
  key: Assumption,
  id: string,
  label: string,
  unpublished: string,
  docs: readonly { url: string; says: string }[] = [],
): Term {
  const seconds = config.dr.assumptions[key];
  return {
    id,
    label,
    seconds,
    formula: `${seconds} s`,
    sources: [configSource(`dr.assumptions.${key}`), ...docs.map(docSource)],
    unpublished,
  };
}

/** A single nested block, which cdktf renders as an object (or, in older renderings, a one-element list). */
export function block(value: unknown): Readonly<Record<string, unknown>> {
  const item = Array.isArray(value) ? value[0] : value;
  return typeof item === "object" && item !== null ? (item as Record<string, unknown>) : {};
}
