import type { PolicyStatement } from "../policy-document";
import { type PolicyRule, verdict } from "../rule";
import { serviceTrust } from "../service-principals";

/** Tests that prove something about the key (a negated or null test proves nothing). */
function isPositiveTest(test: string): boolean {
  return !/^(String|Arn)Not|^Null$/i.test(test.replace(/^ForAnyValue:|^ForAllValues:/, ""));
}

function statementProblems(statement: PolicyStatement, where: string): (string | false)[] {
  if (statement.effect !== "Allow") {
    return [];
  }
  const services = statement.principals.filter((p) => p.type === "Service").flatMap((p) => p.identifiers);
  const guarded = (keys: readonly string[]) =>
    statement.conditions.some(
      (c) => isPositiveTest(c.test) && keys.some((key) => key.toLowerCase() === c.variable.toLowerCase()),
    );
  const name = statement.sid ? `statement ${statement.sid}` : "a statement";
  return services.map((service) => {
    const trust = serviceTrust(service);
    if (trust === undefined) {
      return `${where}: ${name} trusts ${service}, which src/policy/service-principals.ts does not list: look up whether it sends aws:SourceAccount / aws:SourceArn ("confused deputy" in its docs) and add it`;
    }
    return (
      "keys" in trust &&
      !guarded(trust.keys) &&
      `${where}: ${name} trusts ${service} with no ${trust.keys.join(" / ")} condition, though the service sends ${trust.keys.length > 1 ? "them" : "it"} (${trust.source}): add the account or the resource it acts for`
    );
  });
}

/**
 * A service principal trusted by a role or a KMS key is held to the account and resource it acts
 * for, where the service says which (the confused-deputy guard): otherwise the service, acting for
 * any other customer, could be made to use this role or key.
 */
export const serviceTrustConditions: PolicyRule = {
  id: "TITAN-IAM-2",
  title:
    "Trust and key policies hold service principals to aws:SourceAccount / aws:SourceArn where the service sends them",
  severity: "high",
  mirrors: [{ tool: "prowler", id: "iam_role_cross_service_confused_deputy_prevention" }],
  resourceTypes: ["aws_iam_role", "aws_kms_key"],
  check({ type, attributes }, context) {
    const where = type === "aws_iam_role" ? "assume_role_policy" : "policy";
    const found = context.policyDocument(type === "aws_iam_role" ? attributes.assume_role_policy : attributes.policy);
    if (found.kind === "unreadable") {
      return verdict([
        `${where} cannot be read at synth time (${found.reason}): write it with aws_iam_policy_document`,
      ]);
    }
    return verdict(
      found.kind === "document" ? found.document.statements.flatMap((s) => statementProblems(s, where)) : [],
    );
  },
};
