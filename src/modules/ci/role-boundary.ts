/**
 * The permissions boundary every IAM role titan creates carries once the team workflow exists, and
 * which the CI apply role must set on every role it creates or changes.
 *
 * WHY: the apply role manages titan's roles (`iam:*` on `role/<project>-*`) and passes them to
 * services. Without a boundary, it could create a role with any policy, hand it to a CodeBuild
 * project and run code as account administrator. With it, a role's permissions are its policies
 * intersected with this: everything but IAM, Organizations and account changes (reads,
 * `iam:PassRole` of titan's roles and service-linked roles stay), minus the same guardrails as the
 * apply role. So no role the pipeline makes can do more than the pipeline, or change any identity.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { applyGuardrails, type GuardrailScope } from "./apply-guardrails";

export function roleBoundaryStatements(scope: GuardrailScope): DataAwsIamPolicyDocumentStatement[] {
  return [
    {
      sid: "EverythingButIdentityAndAccount",
      notActions: ["iam:*", "organizations:*", "account:*"],
      resources: ["*"],
    },
    {
      // Load balancer and Auto Scaling create their service-linked roles on first use.
      sid: "ReadIdentityAndCreateServiceLinkedRoles",
      actions: ["iam:Get*", "iam:List*", "iam:CreateServiceLinkedRole"],
      resources: ["*"],
    },
    {
      // AWS Backup's restores pass its own role; nothing may pass a role outside titan.
      sid: "PassOnlyTitanRoles",
      actions: ["iam:PassRole"],
      resources: [`arn:aws:iam::${scope.accountId}:role/${scope.project}-*`],
    },
    ...applyGuardrails(scope),
  ];
}
