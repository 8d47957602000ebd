import { type Attributes, contextFromStackJson, type PolicyRule, type RuleResult } from "../../../src/policy";

/** One row of a rule's table: a name, the resource's attributes, and the expected verdict. */
export type Case = [name: string, attributes: Attributes, expected: Expected];

/** `"compliant"`, `"not-applicable"`, or the finding's message must match the pattern. */
export type Expected = "compliant" | "not-applicable" | RegExp;

/** `aws_iam_policy_document` data sources by name, as a stack renders them, for rules reading policies. */
export type PolicyDocuments = Readonly<Record<string, Attributes>>;

/**
 * Checks `attributes` with `rule` as a resource of `type` (the rule's first type unless given) and
 * compares with `expected`; policy references resolve against `documents`.
 */
export function expectVerdict(
  rule: PolicyRule,
  attributes: Attributes,
  expected: Expected,
  options: { readonly type?: string; readonly documents?: PolicyDocuments } = {},
): void {
  const context = contextFromStackJson({ data: { aws_iam_policy_document: options.documents ?? {} } });
  const result: RuleResult = rule.check({ type: options.type ?? rule.resourceTypes[0] ?? "", attributes }, context);
  if (expected instanceof RegExp) {
    expect(result.status).toBe("non-compliant");
    expect(result.status === "non-compliant" ? result.message : "").toMatch(expected);
  } else {
    expect(result.status).toBe(expected);
  }
}
