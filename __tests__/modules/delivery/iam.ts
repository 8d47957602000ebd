/** Reading IAM policy documents out of synthesized Terraform JSON, for the delivery tests. */

export interface Statement {
  readonly sid?: string;
  readonly actions?: string[];
  readonly resources?: string[];
  readonly principals?: { type: string; identifiers: string[] }[];
  readonly condition?: { test: string; variable: string; values: string[] }[];
}

interface Synthesized {
  readonly data?: Record<string, Record<string, { statement?: Statement[] }>>;
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
}

/** Every statement of every `aws_iam_policy_document` in `synth`, keyed by the document's name. */
export function policyDocuments(synth: string): Record<string, Statement[]> {
  const json = JSON.parse(synth) as Synthesized;
  const documents = json.data?.aws_iam_policy_document ?? {};
  return Object.fromEntries(Object.entries(documents).map(([name, document]) => [name, document.statement ?? []]));
}

/** Permission statements only: trust policies (with principals) are left out. */
export function permissionStatements(synth: string): Statement[] {
  return Object.values(policyDocuments(synth))
    .flat()
    .filter((statement) => !statement.principals);
}

/** The statement with `sid`, failing loudly when it is missing. */
export function statement(synth: string, sid: string): Statement {
  const found = permissionStatements(synth).find((candidate) => candidate.sid === sid);
  if (!found) {
    throw new Error(`no statement with sid ${sid}`);
  }
  return found;
}

/**
 * Actions that take no resource in IAM (the Service Authorization Reference lists no resource type
 * for them), so `*` is the only resource they can have.
 */
const RESOURCELESS_ACTIONS = [
  "ecr:GetAuthorizationToken",
  "ec2:DescribeDhcpOptions",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeSubnets",
  "ec2:DescribeVpcs",
];

/** What breaks least privilege in `statements`: wildcard actions, or `*` on actions that take a resource. */
export function leastPrivilegeViolations(statements: readonly Statement[]): string[] {
  const violations: string[] = [];
  for (const { sid, actions = [], resources = [] } of statements) {
    for (const action of actions) {
      if (action.includes("*")) {
        violations.push(`${sid}: wildcard action ${action}`);
      }
    }
    if (resources.includes("*")) {
      for (const action of actions.filter((candidate) => !RESOURCELESS_ACTIONS.includes(candidate))) {
        violations.push(`${sid}: ${action} on "*"`);
      }
    }
  }
  return violations;
}
