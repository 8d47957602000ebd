import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { MANAGED_POLICY_ARN, nameInArn } from "../../validation/aws-identifiers";
import type { PropChecks } from "../../validation/prop-checks";

/**
 * Checks `managedPolicyArns` for {@link attachManagedPolicies}: literal ARNs (their names become
 * construct ids), each policy once.
 */
export function checkManagedPolicyArns(checks: PropChecks, managedPolicyArns: readonly string[]): void {
  const names = new Set<string>();
  managedPolicyArns.forEach((policyArn, index) => {
    const prop = `managedPolicyArns[${index}]`;
    const name = Token.isUnresolved(policyArn) ? undefined : nameInArn(policyArn, MANAGED_POLICY_ARN);
    checks.require(
      name !== undefined,
      prop,
      `must be a literal managed policy ARN (arn:aws:iam::aws:policy/<name>), whose name becomes a construct id, got "${policyArn}"; put statements for policies made in the stack in the role's own policy`,
    );
    checks.require(
      name === undefined || !names.has(name),
      prop,
      `names the policy ${name} again; attach each policy once`,
    );
    if (name !== undefined) {
      names.add(name);
    }
  });
}

/**
 * Attaches managed policies to a role under `<scope>/ManagedPolicies/<policy name>`: keyed by the
 * policy's name, so adding or removing one never re-addresses the others, and a changed ARN
 * replaces its attachment in IAM anyway. Check the ARNs first with {@link checkManagedPolicyArns}.
 */
export function attachManagedPolicies(
  scope: Construct,
  roleName: string,
  managedPolicyArns: readonly string[],
): IamRolePolicyAttachment[] {
  if (managedPolicyArns.length === 0) {
    return [];
  }
  const policies = new Construct(scope, "ManagedPolicies");
  return managedPolicyArns.map(
    (policyArn) =>
      new IamRolePolicyAttachment(policies, String(nameInArn(policyArn, MANAGED_POLICY_ARN)), {
        role: roleName,
        policyArn,
      }),
  );
}
