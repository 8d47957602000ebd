/**
 * `summary.md` of a saved plan: counts by action, then by resource type, then every replacement
 * and destroy with the attributes that force it, then the stateful guard's verdict. Pure; values
 * Terraform marks sensitive are never printed.
 */
import { constructPathFor } from "../validate-report";
import { describeFinding, type GuardResult } from "./guard";
import {
  CHANGE_ACTIONS,
  type ChangeAction,
  markedAt,
  type OutputChange,
  type ParsedPlan,
  type ResourceChange,
  valueAt,
} from "./plan-json";

/** How the plan was made; the summary says what it can be used for. */
export type PlanMode = "offline" | "live";

/** Counts of one action set, by action. */
export type ActionCounts = Readonly<Record<ChangeAction, number>>;

/** What a reviewer reads first. */
export interface PlanSummary {
  readonly total: ActionCounts;
  readonly imports: number;
  readonly moves: readonly { readonly from: string; readonly to: string }[];
  /** Per resource type, sorted by type; only types with a change other than no-op and read. */
  readonly byType: readonly { readonly type: string; readonly counts: ActionCounts }[];
  /** Replacements and destroys of managed resources, in plan order. */
  readonly destructive: readonly ResourceChange[];
  /** Outputs that change, by name. */
  readonly outputs: readonly OutputChange[];
}

const VALUE_WIDTH = 100;
/** Outputs named in the summary; an empty state's first plan creates every output. */
const OUTPUTS_LISTED = 12;

function zeroCounts(): Record<ChangeAction, number> {
  return Object.fromEntries(CHANGE_ACTIONS.map((action) => [action, 0])) as Record<ChangeAction, number>;
}

/** Folds a parsed plan into the numbers and lists the summary shows. Data sources count as reads only. */
export function summarizePlan(plan: ParsedPlan): PlanSummary {
  const total = zeroCounts();
  const byType = new Map<string, Record<ChangeAction, number>>();
  for (const change of plan.changes) {
    total[change.action]++;
    if (change.mode === "managed" && change.action !== "no-op" && change.action !== "read") {
      const counts = byType.get(change.type) ?? zeroCounts();
      counts[change.action]++;
      byType.set(change.type, counts);
    }
  }
  const managed = plan.changes.filter((change) => change.mode === "managed");
  return {
    total,
    imports: managed.filter((change) => change.importing).length,
    moves: managed
      .filter((change) => change.previousAddress !== undefined)
      .map((change) => ({ from: change.previousAddress ?? "", to: change.address })),
    byType: [...byType.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([type, counts]) => ({ type, counts })),
    destructive: managed.filter((change) => change.action === "replace" || change.action === "delete"),
    outputs: plan.outputChanges,
  };
}

/**
 * Terraform's own line: `Plan: 3 to add, 1 to change, 2 to destroy.` (a replacement counts as add
 * and destroy). Like Terraform, a plan that only changes outputs is not "No changes.": applying it
 * records them.
 */
export function terraformCountsLine(summary: PlanSummary): string {
  const { create, update, replace, delete: destroy } = summary.total;
  if (create + update + replace + destroy + summary.imports === 0) {
    const outputs = summary.outputs.length;
    return outputs === 0
      ? "No changes."
      : `No resource changes; ${outputs} output${outputs === 1 ? "" : "s"} to record.`;
  }
  const imported = summary.imports > 0 ? `${summary.imports} to import, ` : "";
  return `Plan: ${imported}${create + replace} to add, ${update} to change, ${destroy + replace} to destroy.`;
}

/** A before/after value as a reviewer may see it: sensitive and unknown values are named, never shown. */
export function shownValue(change: ResourceChange, side: "before" | "after", path: string): string {
  if (side === "after" && markedAt(change.afterUnknown, path)) {
    return "(known after apply)";
  }
  if (markedAt(side === "before" ? change.beforeSensitive : change.afterSensitive, path)) {
    return "(sensitive)";
  }
  const value = valueAt(side === "before" ? change.before : change.after, path);
  if (value === undefined || value === null) {
    return "null";
  }
  const text = JSON.stringify(value);
  return text.length > VALUE_WIDTH ? `${text.slice(0, VALUE_WIDTH - 1)}…` : text;
}

function countsTable(header: string, rows: readonly (readonly [string, ActionCounts])[]): string[] {
  const used = CHANGE_ACTIONS.filter((action) => rows.some(([, counts]) => counts[action] > 0));
  if (used.length === 0) {
    return [];
  }
  return [
    `| ${header} | ${used.join(" | ")} |`,
    `|---|${used.map(() => "---:").join("|")}|`,
    ...rows.map(([label, counts]) => `| ${label} | ${used.map((action) => counts[action] || "").join(" | ")} |`),
  ];
}

function destructiveSection(summary: PlanSummary, stackJson: unknown): string[] {
  if (summary.destructive.length === 0) {
    return ["Nothing is replaced or destroyed."];
  }
  const lines: string[] = [];
  for (const change of summary.destructive) {
    lines.push(`### ${change.action === "replace" ? "Replace" : "Destroy"} \`${change.address}\``, "");
    const construct = constructPathFor(stackJson, `resource.${change.address}`);
    if (construct) {
      lines.push(`- construct: \`${construct}\``);
    }
    if (change.reason) {
      lines.push(`- why: \`${change.reason}\``);
    }
    for (const path of change.replacePaths) {
      const from = shownValue(change, "before", path);
      const to = shownValue(change, "after", path);
      lines.push(`- forced by \`${path}\`: \`${from}\` → \`${to}\``);
    }
    lines.push("");
  }
  return lines;
}

function guardSection(guard: GuardResult, stack: string): string[] {
  const lines = ["## Stateful guard", ""];
  if (guard.blocked.length === 0 && guard.allowed.length === 0) {
    return [...lines, "Passed: no stateful resource is replaced or destroyed."];
  }
  if (guard.blocked.length > 0) {
    lines.push("**BLOCKED**: this plan loses data. Each resource below must be named to proceed:", "");
    for (const finding of guard.blocked) {
      lines.push(`- ${describeFinding(finding)}`);
    }
    const flags = guard.blocked.map((finding) => `--allow-destroy=${stack}:${finding.address}`).join(" ");
    lines.push(
      "",
      "If the change was not meant to touch the resource, keep its address (`moveTo`, a `moved` block) or revert",
      `the config change. If losing it is intended, plan again with \`npm run plan -- ${stack} ${flags}\`.`,
    );
  }
  if (guard.allowed.length > 0) {
    lines.push("", "Allowed with `--allow-destroy` (or `--destroy`):", "");
    for (const finding of guard.allowed) {
      lines.push(`- ${describeFinding(finding)}`);
    }
  }
  return lines;
}

/** What the summary header says about where the plan came from. */
export interface SummaryContext {
  readonly stack: string;
  readonly mode: PlanMode;
  /** A destroy plan (`--destroy`). @default false */
  readonly destroy?: boolean;
  /** The parsed `cdk.tf.json`, to name the construct behind each address. */
  readonly stackJson: unknown;
}

/** The whole `summary.md`. */
export function renderSummary(summary: PlanSummary, guard: GuardResult, context: SummaryContext): string {
  const provenance =
    context.mode === "offline"
      ? "Offline plan against titan's local AWS stub (fake account 111122223333, empty state unless one was given): for review only, never apply it."
      : "Live plan against the stack's S3 backend with the caller's AWS credentials. Apply it with `npm run apply`.";
  const actions = CHANGE_ACTIONS.filter((action) => summary.total[action] > 0);
  const lines = [
    `# ${context.destroy ? "Destroy plan" : "Plan"}: ${context.stack} (${context.mode})`,
    "",
    provenance,
    ...(context.destroy
      ? ["", "Destroys every resource of the stack: the stateful ones are listed under the guard."]
      : []),
    "",
    `**${terraformCountsLine(summary)}**`,
    "",
    "## By action",
    "",
    ...countsTable("", [["resources", summary.total]]),
    ...(actions.length === 0 ? ["No resources."] : []),
  ];
  if (summary.outputs.length > 0) {
    const shown = summary.outputs.slice(0, OUTPUTS_LISTED).map((output) => `\`${output.name}\` (${output.action})`);
    const more = summary.outputs.length - shown.length;
    lines.push("", `Outputs: ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}.`);
  }
  if (summary.imports > 0 || summary.moves.length > 0) {
    lines.push("", `Imports: ${summary.imports}. Moves: ${summary.moves.length}.`);
    for (const move of summary.moves) {
      lines.push(`- \`${move.from}\` → \`${move.to}\``);
    }
  }
  lines.push(
    "",
    "## By resource type",
    "",
    ...(summary.byType.length === 0
      ? ["No resource is created, changed or destroyed."]
      : countsTable(
          "type",
          summary.byType.map(({ type, counts }) => [`\`${type}\``, counts] as const),
        )),
    "",
    "## Replaced and destroyed",
    "",
    ...destructiveSection(summary, context.stackJson),
    "",
    ...guardSection(guard, context.stack),
    "",
  );
  return lines.join("\n");
}
