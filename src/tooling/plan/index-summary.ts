import { formatCounts, type PlanOutcome } from "./outcome";
import type { PlanMode } from "./summary";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/**
 * `cdktf.out/plans/summary.md`: one row per stack with its result and counts, then every stack
 * the guard blocked with what it would lose. This is what the team workflow puts on a pull request.
 */
export function renderIndex(outcomes: readonly PlanOutcome[], mode: PlanMode): string {
  const lines = [
    `# titan plan (${mode})`,
    "",
    "| stack | result | plan | details |",
    "|---|---|---|---|",
    ...outcomes.map((o) => {
      const plan = o.counts ? formatCounts(o.counts) : cell(o.note?.split("\n")[0] ?? "");
      return `| ${o.stack} | ${o.result === "blocked" ? "**BLOCKED**" : o.result} | ${plan} | [summary](${o.stack}/summary.md) |`;
    }),
  ];
  const blocked = outcomes.filter((o) => o.result === "blocked");
  if (blocked.length > 0) {
    lines.push("", "## Blocked by the stateful guard", "");
    for (const o of blocked) {
      for (const line of o.guardLines ?? []) {
        if (!line.startsWith("allowed by")) {
          lines.push(`- ${o.stack}: ${line}`);
        }
      }
    }
    lines.push("", "Each summary says how to keep the resource, or how to allow its loss with `--allow-destroy`.");
  }
  return `${lines.join("\n")}\n`;
}
