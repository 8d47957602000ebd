import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { Testing } from "cdktf";
import { SecureBucket, type SecureBucketProps } from "../../../src/modules/storage/secure-bucket";

function synth(props: Partial<SecureBucketProps> = {}): string {
  return Testing.synthScope((scope) => {
    new SecureBucket(scope, "Bucket", { bucketName: "titan-primary-logs", ...props });
  });
}

describe("SecureBucket", () => {
  it("protects the bucket from destroy unless told otherwise", () => {
    expect(synth()).toHaveResourceWithProperties(S3Bucket, { lifecycle: { prevent_destroy: true } });
    expect(synth({ preventDestroy: false })).toHaveResourceWithProperties(S3Bucket, {
      lifecycle: { prevent_destroy: false },
    });
  });

  test.each([
    [{ kind: "s3-managed" } as const, { sse_algorithm: "AES256" }],
    [{ kind: "aws-managed-kms" } as const, { sse_algorithm: "aws:kms" }],
    [
      { kind: "customer-kms", keyArn: "arn:aws:kms:us-east-2:111122223333:key/k" } as const,
      { sse_algorithm: "aws:kms", kms_master_key_id: "arn:aws:kms:us-east-2:111122223333:key/k" },
    ],
  ])("encrypts with %p", (encryption, byDefault) => {
    expect(synth({ encryption })).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [expect.objectContaining({ apply_server_side_encryption_by_default: byDefault })],
    });
  });

  it("moves objects through storage classes and expires them", () => {
    const json = synth({ transitions: [{ days: 30, storageClass: "GLACIER" }], expirationDays: 365 });
    expect(json).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [
        expect.objectContaining({
          filter: [{}],
          transition: [{ days: 30, storage_class: "GLACIER" }],
          expiration: [{ days: 365 }],
          noncurrent_version_expiration: [{ noncurrent_days: 90 }],
        }),
      ],
    });
  });

  it("rejects a noncurrent retention below one day, naming the bucket", () => {
    expect(() => synth({ noncurrentVersionExpirationDays: 0 })).toThrow(
      /noncurrentVersionExpirationDays: must be a whole number of 1 or more.*got 0/,
    );
  });

  it("appends extra policy statements after the TLS-only deny", () => {
    const json = JSON.parse(
      synth({
        policyStatements: [{ sid: "AllowLogDelivery", actions: ["s3:PutObject"], resources: ["arn:aws:s3:::x/*"] }],
      }),
    );
    const statements = Object.values(
      json.data.aws_iam_policy_document as Record<string, { statement: { sid: string }[] }>,
    )[0].statement;
    expect(statements.map((statement) => statement.sid)).toEqual(["DenyInsecureTransport", "AllowLogDelivery"]);
  });

  it("disables ACLs unless a reason is given, and then keeps the objects the bucket owner's", () => {
    expect(synth()).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      rule: { object_ownership: "BucketOwnerEnforced" },
    });
    expect(
      synth({ enableAclsBecause: "CloudFront standard logging delivers through an ACL grant" }),
    ).toHaveResourceWithProperties(S3BucketOwnershipControls, { rule: { object_ownership: "BucketOwnerPreferred" } });
  });

  it("refuses ACLs without a reason worth reading", () => {
    expect(() => synth({ enableAclsBecause: " logs " })).toThrow(
      /enableAclsBecause: must say why the bucket needs ACLs.*got " logs "/,
    );
  });
});

describe("SecureBucket short-lived prefixes", () => {
  test.each<[string, number]>([
    ["titan/plans", 7],
    ["/titan/plans/", 7],
    ["titan/plans/", 0],
  ])("refuses the prefix %j after %p days", (prefix, days) => {
    expect(() => synth({ shortLivedPrefixes: [{ prefix, expireAfterDays: days }] })).toThrow(
      /shortLivedPrefixes needs a key prefix ending in "\/" and 1 or more days/,
    );
  });
});
