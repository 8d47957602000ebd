/** Every DR invariant titan's stacks hold, and a check of all of them. */
import type { BudgetInput } from "../rto/input";
import { COUNTERPART_INVARIANTS } from "./counterparts";
import { DOMAIN_INVARIANTS } from "./domains";
import type { Invariant } from "./invariant";

export type { Invariant } from "./invariant";

export const DR_INVARIANTS: readonly Invariant[] = [...COUNTERPART_INVARIANTS, ...DOMAIN_INVARIANTS];

export interface Violation {
  readonly id: string;
  readonly statement: string;
  readonly problem: string;
}

export function invariantViolations(input: BudgetInput, invariants = DR_INVARIANTS): Violation[] {
  return invariants.flatMap((invariant) =>
    invariant.check(input).map((problem) => ({ id: invariant.id, statement: invariant.statement, problem })),
  );
}
