import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Testing } from "cdktf";
import type { RegionRole } from "../../src/config";
import { StateStack } from "../../src/stacks/state-stack";
import { synthJson, testConfig } from "../support/synth";

describe.each<[RegionRole, string]>([
  ["primary", "us-east-2"],
  ["dr", "us-west-1"],
])("StateStack (%s)", (role, region) => {
  const config = testConfig({ bucketSuffix: "111122223333" });
  const stack = new StateStack(Testing.app(), `state-${role}`, { config, role });
  const json = Testing.synth(stack);
  const parsed = synthJson(stack);
  const bucketName = `titan-${role}-tfstate-111122223333`;

  it("keeps its own state locally: it creates the bucket the others use", () => {
    expect(parsed.terraform.backend).toBeUndefined();
  });

  it(`provisions in ${region} with default tags`, () => {
    expect(parsed.provider?.aws).toEqual([
      {
        region,
        default_tags: [{ tags: { Project: "titan", Stack: `state-${role}`, RegionRole: role, ManagedBy: "cdktf" } }],
      },
    ]);
  });

  it("names the bucket from config and refuses to destroy it", () => {
    expect(json).toHaveResourceWithProperties(S3Bucket, { bucket: bucketName, lifecycle: { prevent_destroy: true } });
  });

  it("versions the bucket", () => {
    expect(json).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: "Enabled" } });
  });

  it("encrypts by default", () => {
    expect(json).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms" }, bucket_key_enabled: true }],
    });
  });

  it("blocks every kind of public access", () => {
    expect(json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it("disables ACLs (bucket owner enforced)", () => {
    expect(json).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      rule: { object_ownership: "BucketOwnerEnforced" },
    });
  });

  it("denies requests without TLS", () => {
    expect(json).toHaveResource(S3BucketPolicy);
    expect(json).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        expect.objectContaining({
          effect: "Deny",
          actions: ["s3:*"],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        }),
      ],
    });
  });

  it("expires old state versions after 90 days", () => {
    expect(json).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [
        expect.objectContaining({ status: "Enabled", noncurrent_version_expiration: [{ noncurrent_days: 90 }] }),
        expect.anything(),
      ],
    });
  });

  it("expires the team workflow's saved plans (they hold the state's values) after 7 days, old versions a day later", () => {
    expect(json).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [
        expect.anything(),
        {
          id: "expire-titan-plans",
          status: "Enabled",
          filter: [{ prefix: "titan/plans/" }],
          expiration: [{ days: 7 }],
          noncurrent_version_expiration: [{ noncurrent_days: 1 }],
        },
      ],
    });
  });

  it("removes the delete markers use_lockfile leaves behind, once their lock versions expired", () => {
    expect(json).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [
        expect.objectContaining({
          filter: [{}],
          expiration: [{ expired_object_delete_marker: true }],
          noncurrent_version_expiration: [{ noncurrent_days: 90 }],
        }),
        expect.anything(),
      ],
    });
  });

  it("outputs the bucket name and region", () => {
    expect(Object.keys(parsed.output ?? {}).sort()).toEqual(["state_bucket_name", "state_bucket_region"]);
    expect(parsed.output?.state_bucket_region.value).toBe(region);
  });
});
