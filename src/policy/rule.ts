/**
 * A resource as Terraform receives it: its type and its attribute object exactly as cdktf renders
 * it into `cdk.tf.json` (snake_case keys; references to other resources are `${...}` strings).
 */
export interface SynthesizedResource {
  readonly type: string;
  readonly attributes: Attributes;
}

/** A rendered attribute object, or a nested block of one. */
export type Attributes = Readonly<Record<string, unknown>>;

/** What one rule says about one resource. */
export type RuleResult =
  | { readonly status: "compliant" }
  | { readonly status: "non-compliant"; readonly message: string }
  | { readonly status: "not-applicable"; readonly reason: string };

/**
 * One policy: a pure function of a synthesized resource, so it is tested with plain attribute
 * objects and means the same thing whichever construct produced the resource.
 */
export interface PolicyRule {
  /** Stable id, quoted in findings and suppressions: `TITAN-<SERVICE>-<n>`. */
  readonly id: string;
  /** What a compliant resource looks like, in one line. */
  readonly title: string;
  /** The Terraform resource types the rule is evaluated on. */
  readonly resourceTypes: readonly string[];
  check(resource: SynthesizedResource): RuleResult;
}

export const COMPLIANT: RuleResult = { status: "compliant" };

export function notApplicable(reason: string): RuleResult {
  return { status: "not-applicable", reason };
}

/**
 * Compliant when `problems` is empty; otherwise non-compliant with every problem in one message,
 * so one synth shows everything to fix on the resource. Each problem says what is wrong, then
 * (after a colon) what to do.
 */
export function verdict(problems: readonly (string | false | undefined)[]): RuleResult {
  const found = problems.filter((problem): problem is string => typeof problem === "string");
  return found.length === 0 ? COMPLIANT : { status: "non-compliant", message: found.join("; ") };
}
