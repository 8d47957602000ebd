import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

/**
 * Key-policy statements for the region's customer key that let EC2 Auto Scaling launch instances
 * whose EBS volumes it encrypts, for `RegionalKey`'s `additionalStatements`.
 *
 * WHY: Auto Scaling creates the volumes as its service-linked role, which IAM policies cannot
 * grant a customer key to: only the key policy can, or every launch fails with
 * `Client.InternalError`. The role is matched by condition rather than named as the principal,
 * because KMS refuses a key policy naming a role that does not exist yet, and the role appears only
 * when the account's first Auto Scaling group is created, after the key.
 */
export function autoScalingVolumeKeyStatements(accountId: string): DataAwsIamPolicyDocumentStatement[] {
  const serviceLinkedRole = `arn:aws:iam::${accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
  const onlyTheServiceLinkedRole = [
    { test: "ArnEquals", variable: "aws:PrincipalArn", values: [serviceLinkedRole] },
    { test: "StringEquals", variable: "kms:CallerAccount", values: [accountId] },
  ];
  return [
    {
      sid: "AutoScalingEncryptsInstanceVolumes",
      principals: [{ type: "AWS", identifiers: ["*"] }],
      actions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
      resources: ["*"],
      condition: onlyTheServiceLinkedRole,
    },
    {
      sid: "AutoScalingAttachesEncryptedVolumes",
      principals: [{ type: "AWS", identifiers: ["*"] }],
      actions: ["kms:CreateGrant"],
      resources: ["*"],
      condition: [
        ...onlyTheServiceLinkedRole,
        { test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] },
      ],
    },
  ];
}
