/**
 * Pure helpers behind `npm run plan`: parsing the JSON lines of `terraform plan -json`, each
 * stack's result lines and the closing table. Kept free of I/O, like `validate-report.ts`, so the
 * rules that depend on exact Terraform output are pinned by tests.
 */
import { formatStackTable, indent } from "../synthesized-stacks";
import { type Diagnostic, formatDiagnostic, parseValidateJson } from "../validate-report";

/**
 * Final classification of one stack. `blocked`: planned, but the stateful guard refuses the plan
 * because it destroys or replaces a resource holding data that no `--allow-destroy` names.
 */
export type PlanResult = "planned" | "blocked" | "plan failed" | "not planned" | "init failed";

/** Every result, in the order the tally lists them. */
export const PLAN_RESULTS: readonly PlanResult[] = ["planned", "blocked", "plan failed", "not planned", "init failed"];

/** Resource change counts of a successful plan. */
export interface PlanCounts {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  readonly import: number;
}

/** What `terraform plan -json` reported. */
export interface PlanOutput {
  readonly counts?: PlanCounts;
  readonly diagnostics: readonly Diagnostic[];
}

/** One stack's outcome. */
export interface PlanOutcome {
  readonly stack: string;
  readonly result: PlanResult;
  readonly counts?: PlanCounts;
  readonly diagnostics: readonly Diagnostic[];
  /** Why it was not planned or init failed. */
  readonly note?: string;
  /** One line per stateful resource the guard refuses (blocked) or was told to allow. */
  readonly guardLines?: readonly string[];
  /** Addresses a `--allow-destroy` let through, to report the allowances that matched nothing. */
  readonly allowedAddresses?: readonly string[];
  readonly seconds: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Parses the JSON lines of `terraform plan -json`: the `change_summary` message and every
 * `diagnostic` (same shape as in `terraform validate -json`, so the validate parser reads them).
 */
export function parsePlanJson(stdout: string): PlanOutput {
  let counts: PlanCounts | undefined;
  const rawDiagnostics: unknown[] = [];
  for (const line of stdout.split("\n")) {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      continue;
    }
    if (!isRecord(message)) {
      continue;
    }
    if (message.type === "diagnostic") {
      rawDiagnostics.push(message.diagnostic);
    } else if (message.type === "change_summary" && isRecord(message.changes)) {
      const c = message.changes;
      counts = {
        add: Number(c.add) || 0,
        change: Number(c.change) || 0,
        destroy: Number(c.remove) || 0,
        import: Number(c.import) || 0,
      };
    }
  }
  const { diagnostics } = parseValidateJson(JSON.stringify({ valid: false, diagnostics: rawDiagnostics }));
  return { counts, diagnostics };
}

/** Terraform's own summary line: `Plan: 3 to add, 0 to change, 0 to destroy.` */
export function formatCounts(counts: PlanCounts): string {
  if (counts.add + counts.change + counts.destroy + counts.import === 0) {
    return "No changes.";
  }
  const imported = counts.import > 0 ? `${counts.import} to import, ` : "";
  return `Plan: ${imported}${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy.`;
}

/**
 * The lines printed under a stack's `== name` heading: the plan counts (and, when the guard blocks
 * the plan, BLOCKED with every refused resource), or the result in capitals with the note's first
 * line beside it and the rest indented; then every diagnostic.
 *
 * @param stackJson - the parsed cdk.tf.json, used to resolve construct paths.
 */
export function formatOutcome(outcome: PlanOutcome, stackJson: unknown): string[] {
  const lines: string[] = [];
  if (outcome.counts && (outcome.result === "planned" || outcome.result === "blocked")) {
    lines.push(`  ${formatCounts(outcome.counts)}`);
    if (outcome.result === "blocked") {
      lines.push("  BLOCKED by the stateful guard:");
    }
    lines.push(...(outcome.guardLines ?? []).map((line) => `    ${line}`));
  } else {
    const [first, ...rest] = outcome.note?.split("\n") ?? [];
    lines.push(`  ${outcome.result.toUpperCase()}${outcome.note ? `: ${first}` : ""}`);
    if (rest.length > 0) {
      lines.push(indent(rest.join("\n")));
    }
  }
  for (const d of outcome.diagnostics) {
    lines.push(indent(formatDiagnostic(d, stackJson).join("\n")));
  }
  return lines;
}

/** Fixed-width summary table plus the tally line. */
export function formatPlanSummary(outcomes: readonly PlanOutcome[]): string {
  const planColumn = (o: PlanOutcome): string =>
    o.counts ? formatCounts(o.counts) : o.result === "not planned" ? (o.note ?? "") : "";
  const rows = outcomes.map((o) => [o.stack, o.result, planColumn(o), o.seconds.toFixed(1)]);
  const count = (result: PlanResult): number => outcomes.filter((o) => o.result === result).length;
  const planned = count("planned") + count("blocked");
  return [
    ...formatStackTable(["stack", "result", "plan", "seconds"], rows),
    "",
    `${planned} of ${outcomes.length} stacks planned (${PLAN_RESULTS.map((r) => `${count(r)} ${r}`).join(", ")})`,
  ].join("\n");
}
