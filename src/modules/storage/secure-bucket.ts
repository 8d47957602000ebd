import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import {
  S3BucketLifecycleConfiguration,
  type S3BucketLifecycleConfigurationRule,
} from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { PropChecks } from "../../validation/prop-checks";
import { LIFECYCLE_DAYS } from "./limits";

/** How objects are encrypted at rest. */
export type BucketEncryption =
  /** SSE-S3 (AES-256): the only option some writers accept, such as ALB access logs. */
  | { readonly kind: "s3-managed" }
  /** SSE-KMS with the account's AWS-managed `aws/s3` key: audited in CloudTrail, no key to manage. */
  | { readonly kind: "aws-managed-kms" }
  /** SSE-KMS with a customer key, with an S3 bucket key to cut KMS request costs. */
  | { readonly kind: "customer-kms"; readonly keyArn: string };

/** Objects under a prefix that live only briefly (their current and old versions both expire). */
export interface ShortLivedPrefix {
  /** e.g. `titan/plans/` */
  readonly prefix: string;
  readonly expireAfterDays: number;
}

/** A move of current objects to a cheaper storage class after some days. */
export interface BucketTransition {
  readonly days: number;
  readonly storageClass: "STANDARD_IA" | "GLACIER_IR" | "GLACIER" | "DEEP_ARCHIVE";
}

export interface SecureBucketProps {
  readonly bucketName: string;
  /** @default - SSE-KMS with the AWS-managed `aws/s3` key */
  readonly encryption?: BucketEncryption;
  /** Days a replaced or deleted object version is kept. @default 90 */
  readonly noncurrentVersionExpirationDays?: number;
  /** Storage-class moves for current objects. @default - none: objects stay in S3 Standard */
  readonly transitions?: readonly BucketTransition[];
  /**
   * Days after which current objects expire.
   * @default - never; delete markers left alone once their old versions expired are removed
   */
  readonly expirationDays?: number;
  /**
   * Refuse `terraform destroy` of the bucket. Opting out is explicit because every bucket here
   * holds state, logs or replicas someone will need after an incident.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Prefixes whose objects expire sooner than the rest, old versions a day after (S3 applies the
   * shortest of overlapping expirations).
   * @default - none
   */
  readonly shortLivedPrefixes?: readonly ShortLivedPrefix[];
  /** Statements added to the bucket policy after the TLS-only deny (log delivery, replication). */
  readonly policyStatements?: readonly DataAwsIamPolicyDocumentStatement[];
  /**
   * Why this bucket must accept ACLs, for the rare writer that grants itself access through one
   * (CloudFront standard logging). Given, object ownership is `BucketOwnerPreferred` instead of
   * `BucketOwnerEnforced`, so the bucket owner still owns what the writer delivers.
   * @default - ACLs disabled (`BucketOwnerEnforced`)
   */
  readonly enableAclsBecause?: string;
}

/**
 * An S3 bucket that is private, versioned, encrypted and TLS-only by default.
 *
 * Every bucket titan makes (Terraform state, logs, replicas, pipeline artifacts) goes through this
 * construct so none of them can be created without the baseline: full public access block,
 * bucket-owner-enforced ownership (no ACLs, unless a stated reason needs them), default encryption,
 * a policy denying plain HTTP, and old versions expiring so versioning does not grow without bound.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly versioning: S3BucketVersioningA;
  /** Writers that the policy admits (ALB log delivery) must wait for it: depend on this. */
  readonly policy: S3BucketPolicy;
  /** Whether the bucket accepts ACLs is settled by this: writers granting themselves an ACL wait for it. */
  readonly ownershipControls: S3BucketOwnershipControls;
  readonly publicAccessBlock: S3BucketPublicAccessBlock;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const encryption = props.encryption ?? { kind: "aws-managed-kms" };
    const noncurrentDays = props.noncurrentVersionExpirationDays ?? 90;
    new PropChecks(this)
      .require(
        props.enableAclsBecause === undefined || props.enableAclsBecause.trim().length >= 10,
        "enableAclsBecause",
        () => `must say why the bucket needs ACLs, got ${JSON.stringify(props.enableAclsBecause)}`,
      )
      .wholeNumber("noncurrentVersionExpirationDays", noncurrentDays, LIFECYCLE_DAYS)
      .throwIfAny();

    this.bucket = new S3Bucket(this, "Resource", {
      bucket: props.bucketName,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    const bucket = this.bucket.id;

    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, "PublicAccessBlock", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    this.ownershipControls = new S3BucketOwnershipControls(this, "Ownership", {
      bucket,
      rule: { objectOwnership: props.enableAclsBecause === undefined ? "BucketOwnerEnforced" : "BucketOwnerPreferred" },
    });
    this.versioning = new S3BucketVersioningA(this, "Versioning", {
      bucket,
      versioningConfiguration: { status: "Enabled" },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "Encryption", {
      bucket,
      rule: [encryptionRule(encryption)],
    });
    const shortLived = props.shortLivedPrefixes ?? [];
    for (const { prefix, expireAfterDays } of shortLived) {
      if (
        !/^[\w.!*'()-]+(\/[\w.!*'()-]+)*\/$/.test(prefix) ||
        !Number.isInteger(expireAfterDays) ||
        expireAfterDays < 1
      ) {
        throw new Error(
          `SecureBucket ${props.bucketName}: shortLivedPrefixes needs a key prefix ending in "/" and 1 or more days, got ${JSON.stringify(prefix)} after ${expireAfterDays}`,
        );
      }
    }
    new S3BucketLifecycleConfiguration(this, "Lifecycle", {
      bucket,
      rule: [
        lifecycleRule(noncurrentDays, props.transitions ?? [], props.expirationDays),
        ...shortLived.map(shortLivedRule),
      ],
      dependsOn: [this.versioning],
    });

    const policy = new DataAwsIamPolicyDocument(this, "PolicyDocument", {
      statement: [denyInsecureTransport(this.bucket.arn), ...(props.policyStatements ?? [])],
    });
    this.policy = new S3BucketPolicy(this, "Policy", { bucket, policy: policy.json });
  }
}

function encryptionRule(encryption: BucketEncryption) {
  switch (encryption.kind) {
    case "s3-managed":
      return { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } };
    case "aws-managed-kms":
      return { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true };
    case "customer-kms":
      return {
        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: encryption.keyArn },
        bucketKeyEnabled: true,
      };
  }
}

function lifecycleRule(
  noncurrentDays: number,
  transitions: readonly BucketTransition[],
  expirationDays: number | undefined,
): S3BucketLifecycleConfigurationRule {
  return {
    id: "retention",
    status: "Enabled",
    // An empty filter applies the rule to every object (the provider warns when it is missing).
    filter: [{}],
    abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
    noncurrentVersionExpiration: [{ noncurrentDays }],
    transition: transitions.map((transition) => ({ days: transition.days, storageClass: transition.storageClass })),
    // Without a current-object expiration, a delete marker whose noncurrent versions have expired
    // would stay for good: Terraform's S3 lock file (use_lockfile) leaves one per plan or apply.
    // S3 refuses this flag beside `days`, and with `days` the rule expires objects anyway.
    expiration: [expirationDays === undefined ? { expiredObjectDeleteMarker: true } : { days: expirationDays }],
  };
}

function shortLivedRule({ prefix, expireAfterDays }: ShortLivedPrefix): S3BucketLifecycleConfigurationRule {
  return {
    id: `expire-${prefix.replace(/\/$/, "").replace(/[^\w-]/g, "-")}`,
    status: "Enabled",
    filter: [{ prefix }],
    expiration: [{ days: expireAfterDays }],
    noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
  };
}

function denyInsecureTransport(bucketArn: string): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "DenyInsecureTransport",
    effect: "Deny",
    principals: [{ type: "*", identifiers: ["*"] }],
    actions: ["s3:*"],
    resources: [bucketArn, `${bucketArn}/*`],
    condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
  };
}
