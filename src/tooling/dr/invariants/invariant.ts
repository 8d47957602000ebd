/** A DR invariant: a statement about the synthesized stacks, with what breaks it. */
import type { BudgetInput } from "../rto/input";
import type { StackJson } from "../synthesized";

export interface Invariant {
  readonly id: string;
  /** What holds, in one sentence. */
  readonly statement: string;
  /** Every way the stacks break it; empty when it holds. */
  check(input: BudgetInput): string[];
}

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

/** The region a resource or data source is planned in: its `provider` alias, else the default provider. */
export function regionOf(stack: StackJson, attributes: Readonly<Record<string, unknown>>): string | undefined {
  const [name, alias] = String(attributes.provider ?? "aws").split(".");
  const blocks = (stack.provider?.[name] ?? []) as readonly Record<string, unknown>[];
  const block = blocks.find((candidate) => (candidate.alias ?? undefined) === alias);
  return typeof block?.region === "string" ? block.region : undefined;
}

/** Every resource and data source of a stack, with its kind, type and name. */
export function everyBlock(stack: StackJson) {
  const kinds: [string, Blocks | undefined][] = [
    ["resource", stack.resource as Blocks | undefined],
    ["data", stack.data as Blocks | undefined],
  ];
  return kinds.flatMap(([kind, blocks]) =>
    Object.entries(blocks ?? {}).flatMap(([type, named]) =>
      Object.entries(named).map(([name, attributes]) => ({ kind, type, name, attributes })),
    ),
  );
}

/** The problems among `candidates`: each is a message, or false/undefined where nothing is wrong. */
export function problems(candidates: readonly (string | false | undefined | null)[]): string[] {
  return candidates.filter((candidate): candidate is string => typeof candidate === "string");
}

export function list(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) {
    return value as Record<string, unknown>[];
  }
  return typeof value === "object" && value !== null ? [value as Record<string, unknown>] : [];
}
