import { DataAwsElbServiceAccount } from "@cdktf/provider-aws/lib/data-aws-elb-service-account";
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import type { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import type { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { textPattern } from "../../validation/limits";
import { PropChecks } from "../../validation/prop-checks";
import { LIFECYCLE_DAYS, lifecycleOrderProblem } from "./limits";
import { SecureBucket } from "./secure-bucket";

const LOG_PREFIX = textPattern(
  /^[a-z0-9][a-z0-9-]*(\/[a-z0-9-]+)*$/,
  'lowercase path segments without a leading or trailing "/"',
);

export interface LogArchiveBucketProps {
  readonly namer: Namer;
  /** The region's customer key. */
  readonly kmsKeyArn: string;
  /** Days after which logs move to S3 Glacier Flexible Retrieval. */
  readonly glacierAfterDays: number;
  /** Days after which logs are deleted; later than the move to Glacier. */
  readonly expireAfterDays: number;
  /**
   * Let AWS log delivery (VPC flow logs) of this account and region write under `AWSLogs/<account>/`.
   * @default - no log delivery writes here
   */
  readonly logDelivery?: { readonly accountId: string; readonly region: string };
}

/**
 * The region's long-term log archive: SSE-KMS with the region's customer key, moved to Glacier
 * and then expired.
 *
 * Why a fixed name component: the primary's archive replicates to the DR archive, built in
 * another stack, so the primary derives the DR bucket's name with {@link LogArchiveBucket.bucketName}.
 * With `logDelivery`, the bucket policy admits `delivery.logs.amazonaws.com` for this account's
 * log deliveries in this region only (`aws:SourceAccount`, `aws:SourceArn`), as AWS documents for
 * flow logs to S3.
 */
export class LogArchiveBucket extends Construct {
  /** The bucket name for a scope, e.g. `namer.forScope("dr")` for the replication destination. */
  static bucketName(namer: Namer): string {
    return namer.bucket("log-archive");
  }

  readonly bucket: S3Bucket;
  /** Reference its `bucket` to act only once versioning is on (replication needs it). */
  readonly versioning: S3BucketVersioningA;
  /** Log delivery must find it in place: depend on it. */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: LogArchiveBucketProps) {
    super(scope, id);
    const bucketName = LogArchiveBucket.bucketName(props.namer);
    const { glacierAfterDays, expireAfterDays } = props;
    new PropChecks(this)
      .wholeNumber("glacierAfterDays", glacierAfterDays, LIFECYCLE_DAYS)
      .wholeNumber("expireAfterDays", expireAfterDays, LIFECYCLE_DAYS)
      .satisfies("expireAfterDays", { glacierAfterDays, expireAfterDays }, lifecycleOrderProblem)
      .throwIfAny();

    const secure = new SecureBucket(this, "Resource", {
      bucketName,
      encryption: { kind: "customer-kms", keyArn: props.kmsKeyArn },
      transitions: [{ days: glacierAfterDays, storageClass: "GLACIER" }],
      expirationDays: expireAfterDays,
      policyStatements: props.logDelivery ? logDeliveryStatements(bucketName, props.logDelivery) : [],
    });
    this.bucket = secure.bucket;
    this.versioning = secure.versioning;
    this.policy = secure.policy;
  }
}

export interface AlbAccessLogBucketProps {
  readonly namer: Namer;
  /** The account the load balancers run in: ELB writes under `AWSLogs/<accountId>/`. */
  readonly accountId: string;
  /** Key prefix the load balancers write under (`access_logs.prefix`). @default "alb" */
  readonly logPrefix?: string;
  /** Days after which access logs are deleted. @default 90 */
  readonly expireAfterDays?: number;
}

/**
 * The bucket the region's load balancers write access logs to.
 *
 * Why SSE-S3 and not the customer key: ALB access log delivery supports only SSE-S3 (AES-256)
 * destinations. Why the ELB account as principal: in us-east-2 and us-west-1 (regions older than
 * August 2022) logs are written by the region's Elastic Load Balancing account, which the
 * provider's `aws_elb_service_account` knows without an API call.
 */
export class AlbAccessLogBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly versioning: S3BucketVersioningA;
  /** The prefix to give the load balancers' `access_logs` block. */
  readonly logPrefix: string;
  /** A load balancer must be created after this, or AWS refuses its access-log setting. */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: AlbAccessLogBucketProps) {
    super(scope, id);
    const logPrefix = props.logPrefix ?? "alb";
    const expireAfterDays = props.expireAfterDays ?? 90;
    const bucketName = props.namer.bucket("alb-logs");
    new PropChecks(this)
      .matches("logPrefix", logPrefix, LOG_PREFIX)
      .wholeNumber("expireAfterDays", expireAfterDays, LIFECYCLE_DAYS)
      .throwIfAny();

    const elb = new DataAwsElbServiceAccount(this, "ElbAccount");
    const secure = new SecureBucket(this, "Resource", {
      bucketName,
      // ALB access logs can be delivered only to SSE-S3 buckets.
      encryption: { kind: "s3-managed" },
      expirationDays: expireAfterDays,
      policyStatements: [
        {
          sid: "ElbWritesAccessLogs",
          principals: [{ type: "AWS", identifiers: [elb.arn] }],
          actions: ["s3:PutObject"],
          resources: [`arn:aws:s3:::${bucketName}/${logPrefix}/AWSLogs/${props.accountId}/*`],
        },
      ],
    });
    this.bucket = secure.bucket;
    this.versioning = secure.versioning;
    this.logPrefix = logPrefix;
    this.policy = secure.policy;
  }
}

export interface CloudFrontLogBucketProps {
  readonly namer: Namer;
  /** Days after which access logs are deleted. @default 90 */
  readonly expireAfterDays?: number;
}

/**
 * The bucket CloudFront's standard logging writes the distribution's access logs to, in us-east-1
 * beside the distribution.
 *
 * Why ACLs: standard logging delivers through an ACL grant to the `awslogsdelivery` account, which
 * CloudFront adds to the bucket when logging is switched on; a bucket with ACLs disabled is refused.
 * Ownership stays with the bucket owner (`BucketOwnerPreferred`), and public ACLs stay blocked.
 * Why SSE-S3: the log-delivery writer then needs no key grant, so a key-policy mistake cannot
 * silently stop the logs (as for ALB logs). Why standard logging and not v2 log delivery: its
 * setting sits on the distribution, so the policy pack can prove a distribution logs from the
 * distribution alone, and AWS Config's and Security Hub's CloudFront logging checks read that
 * same setting.
 */
export class CloudFrontLogBucket extends Construct {
  readonly bucket: S3Bucket;
  /** The value for the distribution's `logging_config.bucket`: the bucket's domain name. */
  readonly domainName: string;
  /**
   * What the distribution must wait for: a new bucket starts with ACLs disabled, and CloudFront
   * refuses to log into it until the ownership controls (and the public access block, which
   * settles which ACLs are allowed) are in place. The domain name alone does not order them.
   */
  readonly aclsReady: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: CloudFrontLogBucketProps) {
    super(scope, id);
    const expireAfterDays = props.expireAfterDays ?? 90;
    const bucketName = props.namer.bucket("cloudfront-logs");
    new PropChecks(this).wholeNumber("expireAfterDays", expireAfterDays, LIFECYCLE_DAYS).throwIfAny();
    const secure = new SecureBucket(this, "Resource", {
      bucketName,
      encryption: { kind: "s3-managed" },
      expirationDays: expireAfterDays,
      enableAclsBecause:
        "CloudFront standard logging delivers through an ACL grant to the awslogsdelivery account and refuses buckets without ACLs",
    });
    this.bucket = secure.bucket;
    this.domainName = secure.bucket.bucketDomainName;
    this.aclsReady = [secure.ownershipControls, secure.publicAccessBlock];
  }
}

/** The statements AWS documents for log delivery to S3, narrowed to one account and region. */
function logDeliveryStatements(
  bucketName: string,
  delivery: { readonly accountId: string; readonly region: string },
): DataAwsIamPolicyDocumentStatement[] {
  const thisAccountsDeliveries = [
    { test: "StringEquals", variable: "aws:SourceAccount", values: [delivery.accountId] },
    { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:aws:logs:${delivery.region}:${delivery.accountId}:*`] },
  ];
  const logDelivery = [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }];
  return [
    {
      sid: "LogDeliveryWritesFlowLogs",
      principals: logDelivery,
      actions: ["s3:PutObject"],
      resources: [`arn:aws:s3:::${bucketName}/AWSLogs/${delivery.accountId}/*`],
      condition: [
        ...thisAccountsDeliveries,
        { test: "StringEquals", variable: "s3:x-amz-acl", values: ["bucket-owner-full-control"] },
      ],
    },
    {
      sid: "LogDeliveryChecksBucket",
      principals: logDelivery,
      actions: ["s3:GetBucketAcl", "s3:ListBucket"],
      resources: [`arn:aws:s3:::${bucketName}`],
      condition: thisAccountsDeliveries,
    },
  ];
}
