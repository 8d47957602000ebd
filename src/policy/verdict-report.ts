/**
 * What `npm run policy` prints: every rule's verdicts in every stack, the rules with their
 * severity and the scanner checks they mirror, every suppression with its reason, and the
 * violations. Pure, so the report's shape is pinned by tests.
 */
import { formatFinding, type PolicyReport } from "./report";
import { describeMirrors } from "./rule";

const COLUMNS = ["rule", "severity", "compliant", "n/a", "non-compliant", "suppressed"] as const;

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = COLUMNS.map((_c, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join("  ")
      .trimEnd(),
  );
}

/** The verdict counts of each rule in `stack`; a rule with no resource there shows dashes. */
function stackSection(report: PolicyReport, stack: string): string[] {
  const inStack = report.verdicts.filter((v) => v.stack === stack);
  const rows = report.rules.map((rule) => {
    const mine = inStack.filter((v) => v.ruleId === rule.id);
    if (mine.length === 0) {
      return [rule.id, rule.severity, "-", "-", "-", "-"];
    }
    const count = (status: string) => String(mine.filter((v) => v.result.status === status).length);
    const suppressed = mine.filter((v) => v.result.status === "non-compliant" && v.suppression).length;
    const failing = mine.filter((v) => v.result.status === "non-compliant").length - suppressed;
    return [rule.id, rule.severity, count("compliant"), count("not-applicable"), String(failing), String(suppressed)];
  });
  return [`== ${stack} (${inStack.length} verdicts)`, ...table([[...COLUMNS], ...rows]).map((line) => `  ${line}`)];
}

/** The whole report, for the stacks in `stacks` (in that order). */
export function formatPolicyReport(report: PolicyReport, stacks: readonly string[]): string {
  const lines = [
    `titan policy: ${report.rules.length} rules over ${stacks.length} stacks, ${report.verdicts.length} verdicts`,
    "",
  ];
  for (const stack of stacks) {
    lines.push(...stackSection(report, stack), "");
  }
  lines.push("Rules:");
  for (const rule of report.rules) {
    lines.push(`  ${rule.id} (${rule.severity}): ${rule.title}`, `      mirrors ${describeMirrors(rule.mirrors)}`);
  }
  lines.push("", `Suppressions (${report.suppressed.length}):`);
  for (const finding of report.suppressed) {
    const where =
      finding.suppression?.constructPath === finding.constructPath ? "" : ` at ${finding.suppression?.constructPath}`;
    lines.push(`  - ${formatFinding(finding)}${where}`);
  }
  lines.push(
    "",
    report.violations.length === 0
      ? "Violations: none"
      : `Violations (${report.violations.length}):\n${report.violations.map((f) => `  - ${formatFinding(f)}`).join("\n")}`,
  );
  return lines.join("\n");
}
