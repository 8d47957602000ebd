import { DataAwsElbServiceAccount } from "@cdktf/provider-aws/lib/data-aws-elb-service-account";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { Testing } from "cdktf";
import {
  AlbAccessLogBucket,
  type AlbAccessLogBucketProps,
  CloudFrontLogBucket,
  LogArchiveBucket,
  type LogArchiveBucketProps,
} from "../../../src/modules/storage/log-buckets";
import { Namer } from "../../../src/naming";
import { ConstructValidationError } from "../../support/construct-errors";

const namer = new Namer("titan", "primary", "111122223333");
const KEY = "arn:aws:kms:us-east-2:111122223333:key/data";

describe("LogArchiveBucket", () => {
  function synth(props: Partial<LogArchiveBucketProps> = {}): string {
    return Testing.synthScope((scope) => {
      new LogArchiveBucket(scope, "LogArchive", {
        namer,
        kmsKeyArn: KEY,
        glacierAfterDays: 90,
        expireAfterDays: 365,
        ...props,
      });
    });
  }

  it("is named from the namer, so the primary can derive the DR archive's name", () => {
    expect(synth()).toHaveResourceWithProperties(S3Bucket, {
      bucket: "titan-primary-log-archive-111122223333",
      lifecycle: { prevent_destroy: true },
    });
    expect(LogArchiveBucket.bucketName(namer.forScope("dr"))).toBe("titan-dr-log-archive-111122223333");
  });

  it("encrypts with the customer key and a bucket key", () => {
    expect(synth()).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [
        {
          apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: KEY },
          bucket_key_enabled: true,
        },
      ],
    });
  });

  it("moves logs to Glacier and then expires them", () => {
    expect(synth({ glacierAfterDays: 30, expireAfterDays: 400 })).toHaveResourceWithProperties(
      S3BucketLifecycleConfiguration,
      {
        rule: [
          expect.objectContaining({
            filter: [{}],
            transition: [{ days: 30, storage_class: "GLACIER" }],
            expiration: [{ days: 400 }],
          }),
        ],
      },
    );
  });

  test.each<[string, Partial<LogArchiveBucketProps>, RegExp]>([
    [
      "expiry before the Glacier move",
      { glacierAfterDays: 90, expireAfterDays: 60 },
      /expireAfterDays: 60 days is not after glacierAfterDays \(90\); S3 expires objects only af/,
    ],
    [
      "expiry on the day of the move",
      { glacierAfterDays: 90, expireAfterDays: 90 },
      /expireAfterDays: 90 days is not after glacierAfterDays \(90\); S3 expires objects only af/,
    ],
    [
      "a negative Glacier move",
      { glacierAfterDays: -1 },
      /glacierAfterDays: must be a whole number of 1 or more.*got -1/,
    ],
  ])("rejects %s, naming the bucket", (_case, props, message) => {
    expect(() => synth(props)).toThrow(ConstructValidationError);
    expect(() => synth(props)).toThrow(message);
  });
});

describe("AlbAccessLogBucket", () => {
  function synth(props: Partial<AlbAccessLogBucketProps> = {}): string {
    return Testing.synthScope((scope) => {
      new AlbAccessLogBucket(scope, "AlbLogs", { namer, accountId: "111122223333", ...props });
    });
  }

  it("encrypts with SSE-S3, the only encryption ALB log delivery accepts", () => {
    expect(synth()).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
    });
  });

  it("lets the region's ELB account write only under <prefix>/AWSLogs/<account>/", () => {
    const json = synth({ logPrefix: "web/alb" });
    expect(json).toHaveDataSource(DataAwsElbServiceAccount);
    expect(json).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        expect.objectContaining({ sid: "DenyInsecureTransport" }),
        {
          sid: "ElbWritesAccessLogs",
          principals: [
            {
              type: "AWS",
              identifiers: [expect.stringMatching(/data\.aws_elb_service_account\.AlbLogs_ElbAccount_\w+\.arn/)],
            },
          ],
          actions: ["s3:PutObject"],
          resources: ["arn:aws:s3:::titan-primary-alb-logs-111122223333/web/alb/AWSLogs/111122223333/*"],
        },
      ],
    });
  });

  it("expires access logs after 90 days by default and exposes the prefix for the load balancers", () => {
    expect(synth()).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ expiration: [{ days: 90 }] })],
    });
    Testing.synthScope((scope) => {
      expect(new AlbAccessLogBucket(scope, "AlbLogs", { namer, accountId: "111122223333" }).logPrefix).toBe("alb");
    });
  });

  test.each<[string, Partial<AlbAccessLogBucketProps>, RegExp]>([
    [
      "a prefix with a leading slash",
      { logPrefix: "/alb" },
      /logPrefix: must be lowercase path segments without a leading or trailing "\/".*got "\/alb"/,
    ],
    [
      "a prefix with a trailing slash",
      { logPrefix: "alb/" },
      /logPrefix: must be lowercase path segments without a leading or trailing "\/".*got "alb\/"/,
    ],
    ["no retention", { expireAfterDays: 0 }, /expireAfterDays: must be a whole number of 1 or more.*got 0/],
  ])("rejects %s, naming the bucket", (_case, props, message) => {
    expect(() => synth(props)).toThrow(ConstructValidationError);
    expect(() => synth(props)).toThrow(message);
  });
});

describe("CloudFrontLogBucket", () => {
  const globalNamer = new Namer("titan", "global", "111122223333");
  const synth = (expireAfterDays?: number) =>
    Testing.synthScope((scope) => {
      new CloudFrontLogBucket(scope, "AccessLogs", { namer: globalNamer, expireAfterDays });
    });

  it("is the global scope's bucket, SSE-S3, with ACLs on for CloudFront's log delivery, owned by the bucket owner", () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(S3Bucket, { bucket: "titan-global-cloudfront-logs-111122223333" });
    expect(json).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
    });
    expect(json).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      rule: { object_ownership: "BucketOwnerPreferred" },
    });
  });

  it("expires logs after the given days, 90 by default, and offers the domain name CloudFront logs to", () => {
    const built: CloudFrontLogBucket[] = [];
    const json = Testing.synthScope((scope) => {
      built.push(new CloudFrontLogBucket(scope, "AccessLogs", { namer: globalNamer }));
    });
    expect(json).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ expiration: [{ days: 90 }] })],
    });
    expect(synth(30)).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ expiration: [{ days: 30 }] })],
    });
    expect(built[0].domainName).toMatch(/TOKEN/);
  });

  it("rejects a retention below a day", () => {
    expect(() => synth(0)).toThrow(/expireAfterDays: must be a whole number of 1 or more.*got 0/);
  });
});
