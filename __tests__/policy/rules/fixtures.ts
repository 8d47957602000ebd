import type { Attributes, PolicyRule, RuleResult } from "../../../src/policy";

/** One row of a rule's table: a name, the resource's attributes, and the expected verdict. */
export type Case = [name: string, attributes: Attributes, expected: Expected];

/** `"compliant"`, `"not-applicable"`, or the finding's message must match the pattern. */
export type Expected = "compliant" | "not-applicable" | RegExp;

/** Checks `attributes` with `rule` as a resource of its first type and compares with `expected`. */
export function expectVerdict(rule: PolicyRule, attributes: Attributes, expected: Expected): void {
  const result: RuleResult = rule.check({ type: rule.resourceTypes[0] ?? "", attributes });
  if (expected instanceof RegExp) {
    expect(result.status).toBe("non-compliant");
    expect(result.status === "non-compliant" ? result.message : "").toMatch(expected);
  } else {
    expect(result.status).toBe(expected);
  }
}
