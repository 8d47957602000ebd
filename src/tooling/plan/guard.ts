/**
 * The stateful guard: a plan that would destroy or replace a resource holding data (see
 * `src/stateful.ts`) is refused unless the reviewer named that resource with
 * `--allow-destroy=<address>`. Pure, so the decision is pinned by tests on real plans.
 */
import { STATEFUL_RESOURCE_TYPES } from "../../stateful";
import type { ResourceChange } from "./plan-json";

/** A destructive change to a stateful resource. */
export interface GuardFinding {
  readonly address: string;
  readonly type: string;
  readonly action: "replace" | "delete";
  /** What is lost, from the stateful type list. */
  readonly holds: string;
  /** Terraform's reason and the attributes forcing a replacement, for the message. */
  readonly reason?: string;
  readonly replacePaths: readonly string[];
}

/** The guard's decision for one stack. */
export interface GuardResult {
  /** Findings no allowance names: the plan is refused while any remain. */
  readonly blocked: readonly GuardFinding[];
  /** Findings the reviewer allowed with `--allow-destroy`. */
  readonly allowed: readonly GuardFinding[];
}

/** Every destroy or replacement of a managed stateful resource in `changes`. */
export function statefulFindings(changes: readonly ResourceChange[]): GuardFinding[] {
  const findings: GuardFinding[] = [];
  for (const change of changes) {
    const holds = STATEFUL_RESOURCE_TYPES[change.type];
    if (change.mode !== "managed" || holds === undefined) {
      continue;
    }
    if (change.action === "replace" || change.action === "delete") {
      findings.push({
        address: change.address,
        type: change.type,
        action: change.action,
        holds,
        reason: change.reason,
        replacePaths: change.replacePaths,
      });
    }
  }
  return findings;
}

/**
 * Splits the findings into blocked and allowed.
 *
 * @param allowed - addresses the reviewer accepts losing, exactly as the plan names them.
 */
export function guardChanges(changes: readonly ResourceChange[], allowed: readonly string[]): GuardResult {
  const findings = statefulFindings(changes);
  return {
    blocked: findings.filter((finding) => !allowed.includes(finding.address)),
    allowed: findings.filter((finding) => allowed.includes(finding.address)),
  };
}

/** One line per finding: what happens, to what, and what is lost. */
export function describeFinding(finding: GuardFinding): string {
  const why = finding.replacePaths.length > 0 ? ` (forced by ${finding.replacePaths.join(", ")})` : "";
  const verb = finding.action === "replace" ? "would be REPLACED" : "would be DESTROYED";
  return `${finding.address} ${verb}${why}: loses ${finding.holds}`;
}
