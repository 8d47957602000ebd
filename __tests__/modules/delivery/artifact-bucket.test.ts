import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { Testing } from "cdktf";
import {
  PipelineArtifactBucket,
  type PipelineArtifactBucketProps,
  pipelineArtifactBucketName,
} from "../../../src/modules/delivery/artifact-bucket";
import { Namer } from "../../../src/naming";

const KEY = "arn:aws:kms:us-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const namer = new Namer("titan", "dr", "acme");

function synth(props: Partial<PipelineArtifactBucketProps> = {}): string {
  return Testing.synthScope((scope) => {
    new PipelineArtifactBucket(scope, "Artifacts", { namer, kmsKeyArn: KEY, ...props });
  });
}

describe("PipelineArtifactBucket", () => {
  it("is a secure bucket named for the region, encrypted with its customer key", () => {
    expect(pipelineArtifactBucketName(namer)).toBe("titan-dr-pipeline-artifacts-acme");
    const json = synth();
    expect(json).toHaveResourceWithProperties(S3Bucket, { bucket: "titan-dr-pipeline-artifacts-acme" });
    expect(json).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [
        expect.objectContaining({
          apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: KEY },
        }),
      ],
    });
  });

  it("expires artifacts after 30 days and their old versions a day later", () => {
    expect(synth()).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [
        expect.objectContaining({
          expiration: [{ days: 30 }],
          noncurrent_version_expiration: [{ noncurrent_days: 1 }],
        }),
      ],
    });
    expect(synth({ expirationDays: 14 })).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ expiration: [{ days: 14 }] })],
    });
  });

  test.each([[7], [0], [10.5]])("rejects expirationDays %p, shorter than an approval may wait", (expirationDays) => {
    expect(() => synth({ expirationDays })).toThrow(
      `expirationDays: must be a whole number of 8 or more (the manual approval may wait 7 days), got ${expirationDays}`,
    );
  });
});
