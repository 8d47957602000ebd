import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { S3BucketReplicationConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-replication-configuration";
import { Testing } from "cdktf";
import { BucketReplication, type BucketReplicationProps } from "../../../src/modules/storage/bucket-replication";
import { Namer } from "../../../src/naming";
import { ConstructValidationError } from "../../support/construct-errors";
import type { SynthesizedStack } from "../../support/synth";

const SOURCE_KEY = "arn:aws:kms:us-east-2:111122223333:key/primary";
const DESTINATION_KEY = "arn:aws:kms:us-west-1:111122223333:key/dr";

const baseProps: BucketReplicationProps = {
  namer: new Namer("titan", "primary"),
  sourceBucketName: "titan-primary-log-archive",
  sourceBucketArn: "arn:aws:s3:::titan-primary-log-archive",
  sourceKmsKeyArn: SOURCE_KEY,
  sourceRegion: "us-east-2",
  destinationBucketArn: "arn:aws:s3:::titan-dr-log-archive",
  destinationKmsKeyArn: DESTINATION_KEY,
  destinationRegion: "us-west-1",
};

interface Statement {
  sid: string;
  actions: string[];
  resources: string[];
  condition?: { test: string; variable: string; values: string[] }[];
  principals?: { type: string; identifiers: string[] }[];
}

function synth(props: Partial<BucketReplicationProps> = {}): string {
  return Testing.synthScope((scope) => {
    new BucketReplication(scope, "Replication", { ...baseProps, ...props });
  });
}

function statements(json: string, document: "Policy" | "Role_TrustPolicy"): Record<string, Statement> {
  const documents = (JSON.parse(json) as SynthesizedStack).data?.aws_iam_policy_document ?? {};
  const [, found] = Object.entries(documents).find(([name]) => name.startsWith(`Replication_${document}_`)) ?? [];
  const list = (found?.statement ?? []) as Statement[];
  return Object.fromEntries(list.map((statement) => [statement.sid ?? "trust", statement]));
}

describe("BucketReplication", () => {
  it("replicates every object of the source bucket with Replication Time Control and its metrics at 15 minutes", () => {
    expect(synth()).toHaveResourceWithProperties(S3BucketReplicationConfigurationA, {
      bucket: "titan-primary-log-archive",
      role: expect.stringMatching(/aws_iam_role\.Replication_Role_\w+\.arn/),
      rule: [
        expect.objectContaining({
          status: "Enabled",
          filter: {},
          destination: expect.objectContaining({
            replication_time: { status: "Enabled", time: { minutes: 15 } },
            metrics: { status: "Enabled", event_threshold: { minutes: 15 } },
          }),
        }),
      ],
    });
  });

  it("writes to the other region's bucket in S3 Standard, re-encrypted with that region's key", () => {
    expect(synth()).toHaveResourceWithProperties(S3BucketReplicationConfigurationA, {
      rule: [
        expect.objectContaining({
          destination: expect.objectContaining({
            bucket: "arn:aws:s3:::titan-dr-log-archive",
            storage_class: "STANDARD",
            encryption_configuration: { replica_kms_key_id: DESTINATION_KEY },
          }),
        }),
      ],
    });
  });

  it("replicates SSE-KMS objects and delete markers", () => {
    expect(synth()).toHaveResourceWithProperties(S3BucketReplicationConfigurationA, {
      rule: [
        expect.objectContaining({
          source_selection_criteria: { sse_kms_encrypted_objects: { status: "Enabled" } },
          delete_marker_replication: { status: "Enabled" },
        }),
      ],
    });
  });

  it("runs as a role only S3 can assume, named per scope", () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(IamRole, { name: "titan-primary-log-replication" });
    expect(statements(json, "Role_TrustPolicy").trust.principals).toEqual([
      { type: "Service", identifiers: ["s3.amazonaws.com"] },
    ]);
    expect(synth({ roleComponent: "alb-log-replication" })).toHaveResourceWithProperties(IamRole, {
      name: "titan-primary-alb-log-replication",
    });
  });

  it("scopes the role's S3 actions to the two buckets", () => {
    const policy = statements(synth(), "Policy");
    expect(policy.ReadSourceConfiguration).toMatchObject({
      actions: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
      resources: ["arn:aws:s3:::titan-primary-log-archive"],
    });
    expect(policy.ReadSourceVersions).toMatchObject({
      actions: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
      resources: ["arn:aws:s3:::titan-primary-log-archive/*"],
    });
    expect(policy.WriteReplicas).toMatchObject({
      actions: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
      resources: ["arn:aws:s3:::titan-dr-log-archive/*"],
    });
  });

  it("lets the role use each key only through S3 in the key's region, for that key's bucket", () => {
    const policy = statements(synth(), "Policy");
    expect(policy.DecryptSourceObjects).toEqual({
      sid: "DecryptSourceObjects",
      actions: ["kms:Decrypt"],
      resources: [SOURCE_KEY],
      condition: [
        { test: "StringEquals", variable: "kms:ViaService", values: ["s3.us-east-2.amazonaws.com"] },
        {
          test: "StringLike",
          variable: "kms:EncryptionContext:aws:s3:arn",
          values: ["arn:aws:s3:::titan-primary-log-archive", "arn:aws:s3:::titan-primary-log-archive/*"],
        },
      ],
    });
    expect(policy.EncryptReplicas).toEqual({
      sid: "EncryptReplicas",
      actions: ["kms:Encrypt", "kms:GenerateDataKey"],
      resources: [DESTINATION_KEY],
      condition: [
        { test: "StringEquals", variable: "kms:ViaService", values: ["s3.us-west-1.amazonaws.com"] },
        {
          test: "StringLike",
          variable: "kms:EncryptionContext:aws:s3:arn",
          values: ["arn:aws:s3:::titan-dr-log-archive", "arn:aws:s3:::titan-dr-log-archive/*"],
        },
      ],
    });
  });

  it("grants a destination key named by its alias (built in another stack) through that alias", () => {
    const alias = "arn:aws:kms:us-west-1:111122223333:alias/titan-dr-data";
    const json = synth({ destinationKmsKeyArn: alias });
    expect(statements(json, "Policy").EncryptReplicas).toMatchObject({
      resources: ["arn:aws:kms:us-west-1:111122223333:key/*"],
      condition: expect.arrayContaining([
        { test: "ForAnyValue:StringEquals", variable: "kms:ResourceAliases", values: ["alias/titan-dr-data"] },
      ]),
    });
    expect(json).toHaveResourceWithProperties(S3BucketReplicationConfigurationA, {
      rule: [
        expect.objectContaining({
          destination: expect.objectContaining({ encryption_configuration: { replica_kms_key_id: alias } }),
        }),
      ],
    });
  });

  test.each<[string, Partial<BucketReplicationProps>, RegExp]>([
    [
      "a destination in the source region",
      { destinationRegion: "us-east-2" },
      /destinationRegion: must differ from sourceRegion \(us-east-2\)/,
    ],
    [
      "a destination given by name",
      { destinationBucketArn: "titan-dr-log-archive" },
      /destinationBucketArn: must be a bucket ARN .*got "titan-dr-log-archive"/,
    ],
  ])("rejects %s, naming the role", (_case, props, message) => {
    expect(() => synth(props)).toThrow(ConstructValidationError);
    expect(() => synth(props)).toThrow(message);
  });
});
