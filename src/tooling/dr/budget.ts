/**
 * The recovery budget of a config and its synthesized stacks: each scenario's RTO term by term,
 * each data store's RPO, and where they exceed `dr.rtoSeconds` and `dr.rpoSeconds`.
 */
import type { TitanConfig } from "../../config";
import { rpoRows } from "./rpo";
import { failoverScenario, switchoverScenario } from "./rto";
import type { BudgetInput } from "./rto/input";
import type { SynthesizedStacks } from "./synthesized";
import { formatSeconds, type RecoveryPath, type RpoRow, type Scenario } from "./terms";

/** One objective the budget misses. */
export interface Exceedance {
  /** The config field whose target is missed. */
  readonly target: "dr.rtoSeconds" | "dr.rpoSeconds";
  readonly targetSeconds: number;
  /** The scenario (RTO) or data store (RPO) that misses it. */
  readonly subject: string;
  /** Null when the store has no bound at all. */
  readonly seconds: number | null;
  /** The paths over the target, slowest first, or the RPO row's detail. */
  readonly paths: readonly RecoveryPath[];
  readonly detail?: string;
}

export interface Budget {
  readonly targets: { readonly rtoSeconds: number; readonly rpoSeconds: number };
  readonly scenarios: readonly Scenario[];
  /** Per data store, for an unplanned failover; a planned switchover loses nothing. */
  readonly rpo: readonly RpoRow[];
  /** The judged RPO: the largest of the judged rows (null when one of them has no bound). */
  readonly rpoSeconds: number | null;
  readonly exceeded: readonly Exceedance[];
}

/** Computes the budget from the config and the stacks synthesized from it. */
export function computeBudget(config: TitanConfig, stacks: SynthesizedStacks): Budget {
  const input: BudgetInput = { config, stacks };
  const { rtoSeconds, rpoSeconds } = config.dr;
  const scenarios = [failoverScenario(input), switchoverScenario(input)];
  const rpo = rpoRows(input);
  const judged = rpo.filter((row) => row.judged);
  const unbounded = judged.some((row) => row.seconds === null);
  const exceeded: Exceedance[] = [];
  for (const s of scenarios) {
    if (s.rtoSeconds > rtoSeconds) {
      exceeded.push({
        target: "dr.rtoSeconds",
        targetSeconds: rtoSeconds,
        subject: s.label,
        seconds: s.rtoSeconds,
        paths: [...s.paths].filter((p) => p.seconds > rtoSeconds).sort((a, b) => b.seconds - a.seconds),
      });
    }
  }
  for (const row of judged) {
    if (row.seconds === null || row.seconds > rpoSeconds) {
      exceeded.push({
        target: "dr.rpoSeconds",
        targetSeconds: rpoSeconds,
        subject: row.store,
        seconds: row.seconds,
        paths: [],
        detail: row.detail,
      });
    }
  }
  return {
    targets: { rtoSeconds, rpoSeconds },
    scenarios,
    rpo,
    rpoSeconds: unbounded ? null : Math.max(0, ...judged.map((row) => row.seconds ?? 0)),
    exceeded,
  };
}

/** `database path 786 s = detection 36 s + ...`: a path with every term named. */
export function describePath(path: RecoveryPath): string {
  const terms = path.terms.map((term) => `${term.id} ${term.seconds} s`).join(" + ");
  return `${path.id} path ${path.seconds} s = ${terms}`;
}

/** One line per missed objective, naming the terms that make it up. */
export function describeExceedances(exceeded: readonly Exceedance[]): string[] {
  return exceeded.flatMap((miss) => {
    if (miss.target === "dr.rpoSeconds") {
      const amount = miss.seconds === null ? "has no bound" : `loses up to ${miss.seconds} s`;
      return [`${miss.target}: ${miss.subject} ${amount}, over the ${miss.targetSeconds} s target (${miss.detail})`];
    }
    return [
      `${miss.target}: ${miss.subject} takes ${formatSeconds(miss.seconds ?? 0)}, over the ${miss.targetSeconds} s target:`,
      ...miss.paths.map((path) => `    ${describePath(path)}`),
    ];
  });
}

/** The budget misses a target: synth stops, names the terms and writes nothing. */
export class RecoveryBudgetError extends Error {
  constructor(readonly exceeded: readonly Exceedance[]) {
    super(
      [
        `titan: the recovery budget misses ${exceeded.length === 1 ? "its target" : "its targets"} (npm run dr:report shows every term and its source):`,
        // A missed target is a list item; the paths that make it up are indented under it.
        ...describeExceedances(exceeded).map((line) => (line.startsWith(" ") ? `      ${line.trim()}` : `  - ${line}`)),
        "  Raise the target, or change what the terms are made of (health checks, timeouts, DR's standby size, dr.assumptions once a game day has measured them).",
      ].join("\n"),
    );
    this.name = "RecoveryBudgetError";
  }
}

/** @throws RecoveryBudgetError when the budget misses `dr.rtoSeconds` or `dr.rpoSeconds`. */
export function assertWithinBudget(budget: Budget): void {
  if (budget.exceeded.length > 0) {
    throw new RecoveryBudgetError(budget.exceeded);
  }
}
