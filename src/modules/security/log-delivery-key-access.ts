import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

/**
 * The key-policy statement that lets AWS log delivery (VPC flow logs to S3) write objects encrypted
 * with the region's customer key into the log archive.
 *
 * WHY: flow logs delivered to S3 are written by `delivery.logs.amazonaws.com`, which must be able to
 * generate data keys under the bucket's default key; without this statement delivery fails with
 * access denied and the archive stays empty. The service acts only for this account and for log
 * deliveries of this region (`aws:SourceAccount`, `aws:SourceArn`), the confused-deputy guard AWS
 * documents for it.
 */
export function logDeliveryKeyStatements(accountId: string, region: string): DataAwsIamPolicyDocumentStatement[] {
  return [
    {
      sid: "LogDeliveryEncryptsFlowLogsOfThisAccount",
      principals: [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }],
      actions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
      resources: ["*"],
      condition: [
        { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] },
        { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:aws:logs:${region}:${accountId}:*`] },
      ],
    },
  ];
}
