import { Testing } from "cdktf";
import { VpcFlowLogArchive } from "../../../src/modules/network/flow-log-archive";
import { LogArchiveBucket } from "../../../src/modules/storage/log-buckets";
import { Namer } from "../../../src/naming";

describe("VpcFlowLogArchive", () => {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      const namer = new Namer("titan", "dr");
      const archive = new LogArchiveBucket(scope, "LogArchive", {
        namer,
        kmsKeyArn: "arn:aws:kms:us-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        glacierAfterDays: 90,
        expireAfterDays: 365,
        logDelivery: { accountId: "111122223333", region: "us-west-1" },
      });
      new VpcFlowLogArchive(scope, "FlowLogArchive", {
        namer,
        vpcId: "vpc-0a1b2c3d4e5f60001",
        bucketArn: archive.bucket.arn,
        bucketPolicy: archive.policy,
      });
    }),
  );
  const [flowLog] = Object.values(json.resource.aws_flow_log) as Record<string, unknown>[];

  it("delivers every flow record to the log archive as hourly, Hive-partitioned Parquet", () => {
    expect(flowLog).toMatchObject({
      vpc_id: "vpc-0a1b2c3d4e5f60001",
      traffic_type: "ALL",
      log_destination_type: "s3",
      log_destination: expect.stringMatching(/^\$\{aws_s3_bucket\.LogArchive_.*\.arn\}$/),
      destination_options: { file_format: "parquet", hive_compatible_partitions: true, per_hour_partition: true },
      tags: { Name: "titan-dr-vpc-flow-logs-archive" },
    });
    // S3 delivery is the log-delivery service's, not a role's.
    expect(flowLog).not.toHaveProperty("iam_role_arn");
  });

  it("starts only once the bucket policy admits the log-delivery service", () => {
    expect(flowLog.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\.LogArchive_/)]);
  });
});
