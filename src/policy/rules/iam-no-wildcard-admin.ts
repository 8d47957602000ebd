import { blocks } from "../attributes";
import type { DocumentLookup, PolicyStatement } from "../policy-document";
import { type PolicyRule, type RuleContext, verdict } from "../rule";

/** AWS managed policies that grant every action (or all but IAM) on every resource. */
const ADMIN_MANAGED_POLICY = /^arn:aws[a-z-]*:iam::aws:policy\/(AdministratorAccess|PowerUserAccess)$/;

/** `*` or `service:*`: every action, or every action of a service. */
function isWildcardAction(action: string): boolean {
  return action === "*" || /^[a-z0-9-]+:\*$/i.test(action);
}

function statementProblem(statement: PolicyStatement, where: string): string | false {
  if (statement.effect !== "Allow" || !statement.resources.includes("*")) {
    return false;
  }
  const name = statement.sid ? `statement ${statement.sid}` : "a statement";
  const wildcards = statement.actions.filter(isWildcardAction);
  if (wildcards.length > 0) {
    return `${where}: ${name} allows ${wildcards.join(", ")} on "*": name the actions and the resources they need`;
  }
  if (statement.notActions.length > 0) {
    return `${where}: ${name} allows every action but ${statement.notActions.join(", ")} on "*" (NotAction): name the actions instead`;
  }
  return false;
}

function documentProblems(found: DocumentLookup, where: string): (string | false)[] {
  if (found.kind === "unreadable") {
    return [
      `${where} cannot be read at synth time (${found.reason}): write it with aws_iam_policy_document or as JSON`,
    ];
  }
  return found.kind === "document" ? found.document.statements.map((s) => statementProblem(s, where)) : [];
}

function policies(type: string, attributes: Readonly<Record<string, unknown>>, context: RuleContext) {
  if (type === "aws_iam_role") {
    return blocks(attributes, "inline_policy").flatMap((b, i) =>
      documentProblems(context.policyDocument(b.policy), `inline_policy[${i}]`),
    );
  }
  return documentProblems(context.policyDocument(attributes.policy), "policy");
}

function managedArns(type: string, attributes: Readonly<Record<string, unknown>>): string[] {
  const arns = type === "aws_iam_role" ? attributes.managed_policy_arns : attributes.policy_arn;
  return (Array.isArray(arns) ? arns : arns === undefined ? [] : [arns]).map(String);
}

/**
 * No identity or key policy grants every action of a service (or of AWS) on every resource, and no
 * role, user or group holds AdministratorAccess or PowerUserAccess. Where a service requires it (a
 * key policy's root statement, whose "*" is the key itself), the construct suppresses the rule
 * with that reason.
 */
export const iamNoWildcardAdmin: PolicyRule = {
  id: "TITAN-IAM-1",
  title: 'IAM and key policies grant no "*" or "service:*" action on "*", and no admin managed policy',
  severity: "high",
  mirrors: [
    { tool: "checkov", id: "CKV_AWS_62" },
    { tool: "checkov", id: "CKV_AWS_63" },
    { tool: "checkov", id: "CKV_AWS_1" },
    { tool: "checkov", id: "CKV_AWS_49" },
    { tool: "checkov", id: "CKV_AWS_274" },
    { tool: "trivy", id: "AVD-AWS-0057" },
  ],
  resourceTypes: [
    "aws_iam_policy",
    "aws_iam_role_policy",
    "aws_iam_user_policy",
    "aws_iam_group_policy",
    "aws_iam_role",
    "aws_iam_role_policy_attachment",
    "aws_iam_user_policy_attachment",
    "aws_iam_group_policy_attachment",
    "aws_iam_policy_attachment",
    "aws_kms_key",
  ],
  check({ type, attributes }, context) {
    const attachesOnly = type.endsWith("_attachment");
    return verdict([
      ...(attachesOnly ? [] : policies(type, attributes, context)),
      ...managedArns(type, attributes).map(
        (arn) =>
          ADMIN_MANAGED_POLICY.test(arn) &&
          `attaches ${arn}, which allows (nearly) every action on every resource: attach a policy naming what the principal needs`,
      ),
    ]);
  },
};
