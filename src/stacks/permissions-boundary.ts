/**
 * Sets the CI role boundary (`CiStack.roleBoundaryName`) on every IAM role of the given stacks, from
 * one place after they are built (as teardown lifts protections), so a role added later carries it
 * too. Applied when the config builds the `ci` stack: its apply role may create or change no role
 * without the boundary, and the boundary exists before any other stack is applied.
 */
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import type { TerraformStack } from "cdktf";

/** The stack's account id: its own `aws_caller_identity`, or one added for the boundary's ARN. */
function accountIdOf(stack: TerraformStack): string {
  const existing = stack.node.children.find(
    (child): child is DataAwsCallerIdentity => child instanceof DataAwsCallerIdentity,
  );
  return (existing ?? new DataAwsCallerIdentity(stack, "BoundaryAccount")).accountId;
}

/**
 * @returns the roles it bounded, for each stack that has any.
 */
export function requirePermissionsBoundary(
  stacks: readonly TerraformStack[],
  boundaryPolicyName: string,
): Map<TerraformStack, IamRole[]> {
  const bounded = new Map<TerraformStack, IamRole[]>();
  for (const stack of stacks) {
    const roles = stack.node.findAll().filter((node): node is IamRole => node instanceof IamRole);
    if (roles.length === 0) {
      continue;
    }
    const arn = `arn:aws:iam::${accountIdOf(stack)}:policy/${boundaryPolicyName}`;
    for (const role of roles) {
      role.permissionsBoundary = arn;
    }
    bounded.set(stack, roles);
  }
  return bounded;
}
