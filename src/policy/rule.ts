import type { DocumentLookup } from "./policy-document";

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

/** How bad a finding is, on the scale checkov, trivy and prowler share. */
export type Severity = "critical" | "high" | "medium" | "low";

/** A check of another scanner that judges the same thing, so their findings can be matched. */
export interface ExternalCheck {
  readonly tool: "checkov" | "trivy" | "prowler";
  /** `CKV_AWS_139`, `AVD-AWS-0343`, `iam_role_cross_service_confused_deputy_prevention`. */
  readonly id: string;
}

/** A rule no checkov, trivy or prowler check covers, and why: the reader knows it was looked for. */
export interface NoExternalCheck {
  readonly none: string;
}

/** The checks a rule mirrors: at least one, or a stated absence. */
export type Mirrors = readonly [ExternalCheck, ...ExternalCheck[]] | NoExternalCheck;

/**
 * What a rule may look up beyond the resource itself, still without side effects: the same stack's
 * rendering, so a policy written as `${data.aws_iam_policy_document.X.json}` can be judged.
 */
export interface RuleContext {
  /** The IAM policy document an attribute holds: parsed JSON, or the data source it refers to. */
  policyDocument(value: unknown): DocumentLookup;
}

/**
 * One policy: a pure function of a synthesized resource (and of its stack's policy documents), so
 * it is tested with plain attribute objects and means the same thing whichever construct produced
 * the resource.
 *
 * `severity` and `mirrors` are required: a reviewer comparing titan's report with a scanner's, or
 * deciding what to fix first, reads them from every rule, including rules added later.
 */
export interface PolicyRule {
  /** Stable id, quoted in findings and suppressions: `TITAN-<SERVICE>-<n>`. */
  readonly id: string;
  /** What a compliant resource looks like, in one line. */
  readonly title: string;
  readonly severity: Severity;
  readonly mirrors: Mirrors;
  /** The Terraform resource types the rule is evaluated on. */
  readonly resourceTypes: readonly string[];
  check(resource: SynthesizedResource, context: RuleContext): RuleResult;
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

/** `checkov CKV_AWS_139, trivy AVD-AWS-0343`, or `none: <why>`. */
export function describeMirrors(mirrors: Mirrors): string {
  return "none" in mirrors ? `none (${mirrors.none})` : mirrors.map((m) => `${m.tool} ${m.id}`).join(", ");
}
