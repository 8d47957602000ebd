import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatementCondition,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { S3BucketReplicationConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-replication-configuration";
import { Token } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { textPattern } from "../../validation/limits";
import { PropChecks } from "../../validation/prop-checks";
import { keyUseStatement } from "../security/grants";
import { ServiceRole } from "../security/service-role";

export interface BucketReplicationProps {
  readonly namer: Namer;
  /**
   * Name component of the replication role, one per replicated bucket (IAM names are account-wide).
   * @default "log-replication"
   */
  readonly roleComponent?: string;
  /**
   * The source bucket's name. Pass `SecureBucket.versioning.bucket` so Terraform turns versioning
   * on first: S3 rejects replication on an unversioned bucket.
   */
  readonly sourceBucketName: string;
  readonly sourceBucketArn: string;
  /** The key the source bucket's objects are encrypted with. */
  readonly sourceKmsKeyArn: string;
  readonly sourceRegion: string;
  /** The versioned destination bucket in another region, e.g. `arn:aws:s3:::titan-dr-log-archive`. */
  readonly destinationBucketArn: string;
  /**
   * The destination region's key that replicas are re-encrypted with: a key ARN, or an alias ARN
   * (`arn:aws:kms:<region>:<account>:alias/<name>`) when the key is built in another stack.
   */
  readonly destinationKmsKeyArn: string;
  readonly destinationRegion: string;
}

/** Replication Time Control's guarantee, and the threshold its metrics report against. */
const REPLICATION_MINUTES = 15;

/**
 * Cross-region replication of a bucket's objects to a bucket in the other region, with Replication
 * Time Control.
 *
 * Why: the logs of the primary region must outlive that region. RTC replicates 99.99% of objects
 * within 15 minutes and publishes metrics, so lag is visible and alarmable. SSE-KMS objects are
 * replicated and re-encrypted with the destination region's key (KMS keys are regional), delete
 * markers follow so the replica matches, and replicas land in S3 Standard: the destination's own
 * lifecycle moves them to Glacier. The role may read only the source bucket, write only the
 * destination, and use each key only through S3 in its region, for that bucket.
 */
export class BucketReplication extends Construct {
  readonly role: IamRole;
  readonly configuration: S3BucketReplicationConfigurationA;

  constructor(scope: Construct, id: string, props: BucketReplicationProps) {
    super(scope, id);
    const roleName = props.namer.name(props.roleComponent ?? "log-replication", "iamRole");
    const { sourceRegion, destinationRegion, destinationBucketArn } = props;
    new PropChecks(this)
      .require(
        Token.isUnresolved(sourceRegion) || sourceRegion !== destinationRegion,
        "destinationRegion",
        `must differ from sourceRegion (${sourceRegion}): this replicates across regions`,
      )
      .matches("destinationBucketArn", destinationBucketArn, S3_BUCKET_ARN)
      .throwIfAny();

    this.role = new ServiceRole(this, "Role", { roleName, servicePrincipal: "s3.amazonaws.com" }).role;

    const policy = new DataAwsIamPolicyDocument(this, "Policy", {
      statement: [
        {
          sid: "ReadSourceConfiguration",
          actions: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
          resources: [props.sourceBucketArn],
        },
        {
          sid: "ReadSourceVersions",
          actions: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
          resources: [`${props.sourceBucketArn}/*`],
        },
        {
          sid: "WriteReplicas",
          actions: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
          resources: [`${destinationBucketArn}/*`],
        },
        {
          sid: "DecryptSourceObjects",
          actions: ["kms:Decrypt"],
          resources: [props.sourceKmsKeyArn],
          condition: throughS3For(sourceRegion, props.sourceBucketArn),
        },
        keyUseStatement(
          "EncryptReplicas",
          props.destinationKmsKeyArn,
          ["kms:Encrypt", "kms:GenerateDataKey"],
          throughS3For(destinationRegion, destinationBucketArn),
        ),
      ],
    });
    new IamRolePolicy(this, "RolePolicy", { role: this.role.id, name: "replication", policy: policy.json });

    this.configuration = new S3BucketReplicationConfigurationA(this, "Resource", {
      bucket: props.sourceBucketName,
      role: this.role.arn,
      rule: [
        {
          id: "replicate-all",
          status: "Enabled",
          filter: {},
          deleteMarkerReplication: { status: "Enabled" },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
          destination: {
            bucket: destinationBucketArn,
            storageClass: "STANDARD",
            encryptionConfiguration: { replicaKmsKeyId: props.destinationKmsKeyArn },
            replicationTime: { status: "Enabled", time: { minutes: REPLICATION_MINUTES } },
            metrics: { status: "Enabled", eventThreshold: { minutes: REPLICATION_MINUTES } },
          },
        },
      ],
    });
  }
}

/**
 * Use of a key only by S3 in its region, for objects of one bucket. With S3 Bucket Keys the
 * encryption context is the bucket ARN, without them the object ARN: both are allowed.
 */
function throughS3For(region: string, bucketArn: string): DataAwsIamPolicyDocumentStatementCondition[] {
  return [
    { test: "StringEquals", variable: "kms:ViaService", values: [`s3.${region}.amazonaws.com`] },
    { test: "StringLike", variable: "kms:EncryptionContext:aws:s3:arn", values: [bucketArn, `${bucketArn}/*`] },
  ];
}

const S3_BUCKET_ARN = textPattern(/^arn:aws[a-z-]*:s3:::[a-z0-9.-]+$/, "a bucket ARN (arn:aws:s3:::<name>)");
