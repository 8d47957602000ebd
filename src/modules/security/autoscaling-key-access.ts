import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

/**
 * Key-policy statements that let EC2 Auto Scaling launch instances whose EBS volumes are
 * encrypted with the region's customer key: the managed node groups' root volumes.
 *
 * WHY: the Auto Scaling group behind a managed node group launches instances as the
 * `AWSServiceRoleForAutoScaling` service-linked role. Without these statements on the key, the
 * instances are terminated at launch (`Client.InternalError`) and the node group never becomes
 * ACTIVE. An IAM policy cannot help: service-linked role policies cannot be edited, so the grant
 * has to come from the key policy.
 *
 * WHY `*` with conditions, not the role's ARN as principal: KMS rejects a key policy naming a
 * principal that does not exist (`MalformedPolicyDocumentException`), and that role exists only
 * after the account's first Auto Scaling group, which is created after the key. The principal is
 * therefore `*`, narrowed by `kms:CallerAccount` (this account only) and `aws:PrincipalArn` (that
 * role's exact ARN), which evaluates the same way once the role exists and needs nothing before.
 * CreateGrant additionally requires `kms:GrantIsForAWSResource`, so the role can only create
 * grants that EC2 uses on its behalf, never grants to arbitrary principals.
 */
export function autoscalingEbsKeyStatements(accountId: string): DataAwsIamPolicyDocumentStatement[] {
  const onlyTheAutoScalingRole = [
    { test: "StringEquals", variable: "kms:CallerAccount", values: [accountId] },
    {
      test: "ArnLike",
      variable: "aws:PrincipalArn",
      values: [
        `arn:aws:iam::${accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
      ],
    },
  ];
  return [
    {
      sid: "AutoScalingUsesKeyForEbsVolumes",
      principals: [{ type: "AWS", identifiers: ["*"] }],
      actions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
      resources: ["*"],
      condition: onlyTheAutoScalingRole,
    },
    {
      sid: "AutoScalingGrantsKeyToEc2ForEbsVolumes",
      principals: [{ type: "AWS", identifiers: ["*"] }],
      actions: ["kms:CreateGrant"],
      resources: ["*"],
      condition: [...onlyTheAutoScalingRole, { test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
    },
  ];
}
