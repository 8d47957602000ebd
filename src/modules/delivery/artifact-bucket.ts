import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { intRange } from "../../validation/limits";
import { PropChecks } from "../../validation/prop-checks";
import { SecureBucket } from "../storage/secure-bucket";

/** The artifact bucket's name in a region, for the pipeline that reads and writes it. */
export function pipelineArtifactBucketName(namer: Namer): string {
  return namer.bucket("pipeline-artifacts");
}

export interface PipelineArtifactBucketProps {
  readonly namer: Namer;
  /** The region's customer key: CodePipeline and CodeBuild encrypt artifacts with it. */
  readonly kmsKeyArn: string;
  /** Days an artifact is kept. @default 30 */
  readonly expirationDays?: number;
}

/**
 * The region's CodePipeline artifact store: source zips and release files between stages.
 *
 * WHY one per region: CodePipeline needs an artifact store in every region where one of its
 * actions runs, and copies artifacts there itself; the DR deploy action reads from this one.
 * Artifacts are only needed while a release moves through the pipeline (the approval waits 7 days
 * at most) and for a retry soon after, so they expire after 30 days and their old versions a day
 * later. The images themselves live in ECR, not here.
 */
export class PipelineArtifactBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly bucketName: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: PipelineArtifactBucketProps) {
    super(scope, id);
    const expirationDays = props.expirationDays ?? 30;
    new PropChecks(this)
      .wholeNumber(
        "expirationDays",
        expirationDays,
        intRange(8, Number.MAX_SAFE_INTEGER, "the manual approval may wait 7 days"),
      )
      .throwIfAny();
    this.bucket = new SecureBucket(this, "Resource", {
      bucketName: pipelineArtifactBucketName(props.namer),
      encryption: { kind: "customer-kms", keyArn: props.kmsKeyArn },
      expirationDays,
      noncurrentVersionExpirationDays: 1,
    }).bucket;
    this.bucketName = this.bucket.bucket;
    this.arn = this.bucket.arn;
  }
}
