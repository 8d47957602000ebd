import { Aspects } from "cdktf";
import type { IConstruct } from "constructs";
import { type PolicyFinding, PolicyPack, type PolicyVerdict } from "./pack";
import type { PolicyRule } from "./rule";

/** The outcome of a policy check over a whole app. */
export interface PolicyReport {
  /** Findings no suppression covers: each one stops synthesis. */
  readonly violations: readonly PolicyFinding[];
  /** Findings a suppression covers, with its reason: for review, not errors. */
  readonly suppressed: readonly PolicyFinding[];
  /** Every rule's verdict on every resource it applies to, for `npm run policy`. */
  readonly verdicts: readonly PolicyVerdict[];
  /** The rules of the packs applied. */
  readonly rules: readonly PolicyRule[];
}

/**
 * Runs the packs applied to `app` over its whole tree, before anything is written. `main.ts` calls
 * it before `app.synth()`: cdktf would stop at the first stack with an error annotation having
 * written the stacks before it, and the cdktf CLI lets synthesis finish
 * (`CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS`) and only fails afterwards.
 */
export function checkPolicy(app: IConstruct): PolicyReport {
  const packs = Aspects.of(app).all.filter((aspect): aspect is PolicyPack => aspect instanceof PolicyPack);
  if (packs.length === 0) {
    throw new Error(
      "checkPolicy: no policy pack is applied to this app; call applyPolicy(app) after building the stacks",
    );
  }
  for (const node of app.node.findAll()) {
    for (const pack of packs) {
      pack.visit(node);
    }
  }
  const findings = packs.flatMap((pack) => pack.findings);
  return {
    violations: findings.filter((finding) => !finding.suppression),
    suppressed: findings.filter((finding) => finding.suppression),
    verdicts: packs.flatMap((pack) => pack.verdicts),
    rules: [...new Set(packs.flatMap((pack) => pack.rules))],
  };
}

/** One line per finding: rule id, construct path, resource type, message (and reason if suppressed). */
export function formatFinding(finding: PolicyFinding): string {
  const line = `[${finding.ruleId}] ${finding.constructPath} (${finding.resourceType}): ${finding.message}`;
  return finding.suppression ? `${line}\n      suppressed: ${finding.suppression.reason}` : line;
}

/** What `main.ts` prints when the policy stops synthesis. */
export function formatViolations(violations: readonly PolicyFinding[]): string {
  const count = `${violations.length} policy violation${violations.length === 1 ? "" : "s"}`;
  return [
    `titan: ${count}; nothing was synthesized:`,
    ...violations.map((finding) => `  - ${formatFinding(finding)}`),
    "Fix the resource, or suppress the rule on its construct with suppressRule(construct, ruleId, reason) (src/policy) and a reason a reviewer can accept.",
  ].join("\n");
}
