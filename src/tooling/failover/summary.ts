/** What a run shows at its end: each step's time, and a drill's measurements against the budget. */
import type { Budget } from "../dr/budget";
import type { Scenario, Term } from "../dr/terms";
import type { StepRecord } from "./runner";
import type { Move } from "./step";

/** The budget scenario a move is measured against. */
export function scenarioOf(budget: Budget, move: Move): Scenario | undefined {
  return budget.scenarios.find((s) => s.id === (move === "failover" ? "failover" : "switchover"));
}

function budgetTerm(scenario: Scenario | undefined, id: string): Term | undefined {
  return scenario?.paths.flatMap((path) => path.terms).find((term) => term.id === id);
}

/** One line per budget term the run measured: the steps' time beside the budgeted figure. */
export function measuredAgainstBudget(records: readonly StepRecord[], scenario: Scenario | undefined): string[] {
  const measured = new Map<string, number>();
  for (const record of records) {
    if (record.budgetTerm && record.status === "done") {
      measured.set(record.budgetTerm, (measured.get(record.budgetTerm) ?? 0) + record.seconds);
    }
  }
  return [...measured].map(([id, seconds]) => {
    const term = budgetTerm(scenario, id);
    const planned = term
      ? `budget ${term.seconds} s${term.unpublished ? ", a planning figure: set the measured one in dr.assumptions" : ""}`
      : "not a budget term";
    return `  ${id}: ${seconds.toFixed(1)} s measured (${planned})`;
  });
}

export function summarize(records: readonly StepRecord[], scenario: Scenario | undefined): string[] {
  const width = Math.max(...records.map((r) => r.id.length));
  const total = records.reduce((sum, r) => sum + r.seconds, 0);
  const lines = records.map(
    (r) => `  ${r.id.padEnd(width)}  ${r.status.padEnd(8)}  ${r.seconds.toFixed(1).padStart(7)} s`,
  );
  const measured = measuredAgainstBudget(records, scenario);
  return [
    "steps:",
    ...lines,
    `  ${"total".padEnd(width)}  ${"".padEnd(8)}  ${total.toFixed(1).padStart(7)} s`,
    ...(measured.length > 0 ? ["measured against the recovery budget (npm run dr:report):", ...measured] : []),
  ];
}
