import type { PolicyStatement } from "../policy-document";
import { notApplicable, type PolicyRule, verdict } from "../rule";

/** A subject value that pins nothing: any token of the issuer (or any GitHub repository) would match. */
function isOpenSubject(value: string): boolean {
  return value === "*" || value.startsWith("*") || /^repo:\*/.test(value) || /^repo:[^/]*\*/.test(value);
}

function statementProblems(statement: PolicyStatement): (string | false)[] {
  const federated = statement.principals.some((p) => p.type === "Federated");
  if (statement.effect !== "Allow" || !federated || !statement.actions.includes("sts:AssumeRoleWithWebIdentity")) {
    return [];
  }
  const name = statement.sid ? `statement ${statement.sid}` : "a statement";
  const positive = statement.conditions.filter((c) => /^String(Equals|Like)$/.test(c.test));
  const claim = (suffix: string) => positive.filter((c) => c.variable.endsWith(`:${suffix}`));
  const subjects = claim("sub");
  return [
    claim("aud").length === 0 && `${name} does not pin the token's audience (<issuer>:aud): require sts.amazonaws.com`,
    subjects.length === 0 &&
      `${name} does not pin the token's subject (<issuer>:sub): any identity the issuer vouches for could assume the role`,
    subjects.some((c) => c.values.some(isOpenSubject)) &&
      `${name} matches subjects with a leading wildcard: name the repository (repo:<owner>/<repo>:...) or service account`,
  ];
}

/**
 * A role assumed with a web identity token (GitHub Actions' OIDC, EKS's IRSA) pins the token's
 * audience and subject; otherwise every repository on GitHub, or every service account of the
 * cluster, could assume it.
 */
export const webIdentityTrust: PolicyRule = {
  id: "TITAN-IAM-3",
  title: "Web identity trusts (GitHub OIDC, IRSA) pin the token's audience and subject",
  severity: "critical",
  mirrors: [{ tool: "checkov", id: "CKV_AWS_358" }],
  resourceTypes: ["aws_iam_role"],
  check({ attributes }, context) {
    const found = context.policyDocument(attributes.assume_role_policy);
    if (found.kind !== "document") {
      // Unreadable trust policies are TITAN-IAM-2's finding; judging them twice helps nobody.
      return notApplicable("the trust policy is not readable at synth time");
    }
    const web = found.document.statements.filter((s) => s.actions.includes("sts:AssumeRoleWithWebIdentity"));
    if (web.length === 0) {
      return notApplicable("no web identity trust");
    }
    return verdict(web.flatMap(statementProblems).map((p) => p && `assume_role_policy: ${p}`));
  },
};
