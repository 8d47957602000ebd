import type { IConstruct } from "constructs";

/** The construct metadata type a suppression is recorded under. */
export const SUPPRESSION_METADATA = "titan/policy-suppression";

/** A reason shorter than this cannot say why; it is a label ("needed", "legacy"). */
export const MIN_REASON_LENGTH = 20;

const RULE_ID = /^TITAN-[A-Z0-9]+-\d+$/;

/** A rule switched off for a construct and everything under it, and why. */
export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
  /** Path of the construct the suppression was recorded on. */
  readonly constructPath: string;
}

/**
 * Suppresses `ruleId` on `construct` and everything under it. The finding is still reported (as
 * suppressed, with `reason`), so a reviewer sees every exception and why it was made.
 *
 * @param reason why the rule does not fit here, in at least a sentence.
 */
export function suppressRule(construct: IConstruct, ruleId: string, reason: string): void {
  const where = `suppressRule(${construct.node.path || "(app)"}, ${JSON.stringify(ruleId)})`;
  if (!RULE_ID.test(ruleId)) {
    throw new Error(`${where}: "${ruleId}" is not a rule id; use the id a finding names, e.g. "TITAN-CB-1"`);
  }
  const text = reason.trim();
  if (text.length < MIN_REASON_LENGTH) {
    throw new Error(
      `${where}: the reason ${JSON.stringify(reason)} is too short (${text.length} characters); say in a sentence of at least ${MIN_REASON_LENGTH} characters why the rule does not fit here`,
    );
  }
  construct.node.addMetadata(SUPPRESSION_METADATA, { ruleId, reason: text });
}

/** The suppression of `ruleId` that covers `construct`: its own, or the nearest enclosing one. */
export function suppressionOf(construct: IConstruct, ruleId: string): Suppression | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    for (const entry of scope.node.metadata) {
      const data = entry.data as Partial<Suppression> | undefined;
      if (entry.type === SUPPRESSION_METADATA && data?.ruleId === ruleId && typeof data.reason === "string") {
        return { ruleId, reason: data.reason, constructPath: scope.node.path };
      }
    }
  }
  return undefined;
}
