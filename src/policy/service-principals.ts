/**
 * Which AWS services tell IAM and KMS on whose behalf they act (the confused-deputy guard), for
 * every service principal titan's trust and key policies name. TITAN-IAM-2 reads it: a service
 * that sends `aws:SourceAccount` / `aws:SourceArn` must be held to them; a service that does not is
 * listed with the reason, so the absence of a condition is a recorded decision, not an oversight;
 * a service missing from the table is a finding until someone looks it up.
 */

/** The service sends these keys (any one of them, in a positive condition, satisfies the guard). */
export interface SendsSourceKeys {
  readonly keys: readonly string[];
  /** The AWS documentation that says so. */
  readonly source: string;
}

/** The service sends no source key for this use; conditions would only break it. */
export interface SendsNoSourceKeys {
  readonly none: string;
  readonly source: string;
}

export type ServiceTrust = SendsSourceKeys | SendsNoSourceKeys;

const SOURCE_KEYS = ["aws:SourceAccount", "aws:SourceArn"];

/** Keyed by service principal; `<region>` stands for any region of a regional principal. */
export const SERVICE_PRINCIPALS: Readonly<Record<string, ServiceTrust>> = {
  "codebuild.amazonaws.com": {
    keys: SOURCE_KEYS,
    source: "CodeBuild User Guide, Cross-service confused deputy prevention",
  },
  "codepipeline.amazonaws.com": {
    keys: SOURCE_KEYS,
    source: "CodePipeline User Guide, Manage the CodePipeline service role",
  },
  "vpc-flow-logs.amazonaws.com": {
    keys: SOURCE_KEYS,
    source: "Amazon VPC User Guide, IAM role for publishing flow logs to CloudWatch Logs",
  },
  "monitoring.rds.amazonaws.com": {
    keys: SOURCE_KEYS,
    source: "Amazon RDS User Guide, Setting up Enhanced Monitoring: Protecting against the confused deputy problem",
  },
  "eks.amazonaws.com": {
    keys: SOURCE_KEYS,
    source: "Amazon EKS User Guide, Cross-service confused deputy prevention (cluster role, since 2025-08-19)",
  },
  "cloudwatch.amazonaws.com": {
    keys: SOURCE_KEYS,
    source: "Amazon SNS Developer Guide, key management for event sources: alarms send the alarm ARN",
  },
  "cloudfront.amazonaws.com": {
    keys: SOURCE_KEYS,
    source: "Amazon CloudFront Developer Guide, origin access control (AWS:SourceArn of the distribution)",
  },
  "delivery.logs.amazonaws.com": {
    keys: SOURCE_KEYS,
    source: "Amazon CloudWatch Logs User Guide, Enabling logging from AWS services (vended logs)",
  },
  "logs.<region>.amazonaws.com": {
    keys: ["kms:EncryptionContext:aws:logs:arn", ...SOURCE_KEYS],
    source:
      "Amazon CloudWatch Logs User Guide, Encrypt log data using AWS KMS: the encryption context names the log group",
  },
  "ec2.amazonaws.com": {
    none: "EC2 documents no source key for instance-profile roles; the role reaches an instance only through iam:PassRole in this account",
    source: "Amazon EC2 User Guide, IAM roles for Amazon EC2",
  },
  "backup.amazonaws.com": {
    none: "AWS Backup's confused-deputy guidance covers its SNS and KMS use, not the role passed to a backup plan",
    source: "AWS Backup Developer Guide, IAM service roles; Cross-service confused deputy prevention",
  },
  "s3.amazonaws.com": {
    none: "the live-replication trust policy S3 documents carries no condition, and a wrong one stops replication silently",
    source: "Amazon S3 User Guide, Setting up permissions for live replication",
  },
};

/** The table's entry for `principal`, regional principals matched by their `<region>` form. */
export function serviceTrust(principal: string): ServiceTrust | undefined {
  const regional = principal.replace(
    /^([a-z0-9-]+)\.[a-z]{2}(-[a-z]+)+-\d\.amazonaws\.com$/,
    "$1.<region>.amazonaws.com",
  );
  return SERVICE_PRINCIPALS[principal] ?? SERVICE_PRINCIPALS[regional];
}
