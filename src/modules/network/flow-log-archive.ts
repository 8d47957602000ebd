import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import type { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { Construct } from "constructs";
import type { Namer } from "../../naming";

export interface VpcFlowLogArchiveProps {
  readonly namer: Namer;
  readonly vpcId: string;
  /** The log archive's ARN (`LogArchiveBucket`), whose policy admits log delivery. */
  readonly bucketArn: string;
  /** Delivery starts at once and must find the bucket policy in place: depend on it. */
  readonly bucketPolicy: S3BucketPolicy;
}

/**
 * Every VPC flow record also delivered, as hourly Parquet files, into the region's log archive.
 *
 * WHY beside the CloudWatch flow logs: CloudWatch keeps records searchable for the log retention
 * (90 days) and that is what an incident needs first; the archive keeps them for a year, moves them
 * to Glacier and, in primary, replicates them to DR, so the record of what reached the database
 * survives both the retention and the loss of the region. Parquet with Hive-style hourly partitions
 * is what Athena reads cheapest. S3 delivery needs no IAM role: the log-delivery service writes with
 * the bucket policy and the key policy.
 */
export class VpcFlowLogArchive extends Construct {
  readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogArchiveProps) {
    super(scope, id);
    this.flowLog = new FlowLog(this, "Resource", {
      vpcId: props.vpcId,
      trafficType: "ALL",
      logDestinationType: "s3",
      logDestination: props.bucketArn,
      destinationOptions: { fileFormat: "parquet", hiveCompatiblePartitions: true, perHourPartition: true },
      tags: { Name: props.namer.name("vpc-flow-logs-archive") },
      dependsOn: [props.bucketPolicy],
    });
  }
}
