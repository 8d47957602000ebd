import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { PropChecks } from "../../validation/prop-checks";
import { AURORA_GLOBAL_REPLICATION_LAG, type AuroraCluster } from "../database/aurora-cluster";
import { notifyingAlarm, worstOfMetrics } from "./alarms";
import { alarmMetric } from "./metric";

/** What the alarms read of a regional cluster: its identifier and its metrics. */
export type DatabaseMetricSource = Pick<AuroraCluster, "clusterIdentifier" | "metric" | "metricByRole">;

export interface DatabaseAlarmsProps {
  readonly namer: Namer;
  /** From `AlarmTopic.topicArn`: where every alarm and recovery is sent. */
  readonly topicArn: string;
  /** The region's Aurora cluster (`AuroraCluster`): its metrics. */
  readonly database: DatabaseMetricSource;
  /**
   * Alarm on `AuroraGlobalDBReplicationLag`. Only a secondary cluster of a global database
   * publishes it (in its own region), so set it in the standby region's stack only (`dr.activeRole`).
   * @default false - no replication-lag alarm (right for the primary region)
   */
  readonly includeGlobalReplicationLag?: boolean;
  /** Average CPU of the busiest role (writer or readers), sustained 15 minutes. @default 80 */
  readonly cpuThresholdPercent?: number;
  /**
   * Lowest freeable memory of any instance, sustained 15 minutes, below which the alarm fires.
   * @default 1024 - 1 GiB, for memory-optimized classes of 16 GiB and up (db.r6g.large); raise it for larger classes
   */
  readonly freeableMemoryThresholdMebibytes?: number;
  /**
   * Average global replication lag, sustained 5 minutes, that fires the alarm.
   * @default 1000 - one second: Aurora typically replicates in under a second, so this is already abnormal
   */
  readonly globalReplicationLagThresholdMilliseconds?: number;
}

const BYTES_PER_MEBIBYTE = 1024 * 1024;

/**
 * Saturation alarms for one region's Aurora cluster, and in DR its global replication lag.
 *
 * Why the `DBClusterIdentifier` + `Role` dimensions and not instance identifiers: AWS advises role
 * metrics for Aurora alarms because an instance's role changes on failover, and the DR cluster's
 * instances become writers after a global failover. Each alarm takes the worst of the WRITER and
 * READER series, so it watches whichever instance is under most pressure without naming it, and
 * adding or replacing instances never touches the alarms. A role with no instances (the writer of
 * a secondary cluster) has no data and simply drops out of the comparison.
 */
export class DatabaseAlarms extends Construct {
  readonly cpu: CloudwatchMetricAlarm;
  readonly freeableMemory: CloudwatchMetricAlarm;
  /** Set only with `includeGlobalReplicationLag`. */
  readonly globalReplicationLag?: CloudwatchMetricAlarm;
  readonly alarmArns: readonly string[];

  constructor(scope: Construct, id: string, props: DatabaseAlarmsProps) {
    super(scope, id);
    const cpuPercent = props.cpuThresholdPercent ?? 80;
    const memoryMebibytes = props.freeableMemoryThresholdMebibytes ?? 1024;
    const lagMilliseconds = props.globalReplicationLagThresholdMilliseconds ?? 1000;
    new PropChecks(this)
      .percentage("cpuThresholdPercent", cpuPercent)
      .positive("freeableMemoryThresholdMebibytes", memoryMebibytes, "mebibytes")
      .positive("globalReplicationLagThresholdMilliseconds", lagMilliseconds, "milliseconds")
      .throwIfAny();

    const { namer, topicArn, database } = props;
    const { clusterIdentifier } = database;
    // A gap is not saturation: an unreachable database pages through the ALB alarms instead, and
    // "missing" shows the gap as INSUFFICIENT_DATA rather than a reassuring OK.
    const saturation = { evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: "missing" } as const;

    this.cpu = notifyingAlarm(this, "Cpu", topicArn, {
      alarmName: namer.name("aurora-cpu"),
      alarmDescription:
        `Aurora ${clusterIdentifier}: the writer's or the readers' average CPU was above ${cpuPercent}% for 15 minutes. ` +
        "Check first: Performance Insights top SQL and waits, then connection count; scale the instance class or add readers. " +
        "No data shows as INSUFFICIENT_DATA without notifying (a down database pages through the ALB alarms).",
      comparisonOperator: "GreaterThanThreshold",
      threshold: cpuPercent,
      ...saturation,
      metricQuery: worstOfMetrics(
        "MAX",
        database.metricByRole("CPUUtilization", "Average"),
        300,
        "Busiest role CPU (%)",
      ),
    });

    this.freeableMemory = notifyingAlarm(this, "FreeableMemory", topicArn, {
      alarmName: namer.name("aurora-freeable-memory"),
      alarmDescription:
        `Aurora ${clusterIdentifier}: an instance had less than ${memoryMebibytes} MiB freeable memory for 15 minutes; Aurora restarts an instance that runs out. ` +
        "Check first: connection count (each connection holds memory) and Performance Insights for memory-heavy queries; then a larger instance class. " +
        "No data shows as INSUFFICIENT_DATA without notifying.",
      comparisonOperator: "LessThanThreshold",
      threshold: memoryMebibytes * BYTES_PER_MEBIBYTE,
      ...saturation,
      metricQuery: worstOfMetrics(
        "MIN",
        database.metricByRole("FreeableMemory", "Minimum"),
        300,
        "Lowest freeable memory (bytes)",
      ),
    });

    if (props.includeGlobalReplicationLag ?? false) {
      this.globalReplicationLag = notifyingAlarm(this, "GlobalReplicationLag", topicArn, {
        alarmName: namer.name("aurora-global-replication-lag"),
        alarmDescription:
          `Aurora ${clusterIdentifier} (secondary): replication from the primary region lagged more than ${lagMilliseconds} ms for 5 minutes; an unplanned failover now would lose that much. ` +
          "Check first: write volume and long transactions on the primary, then AuroraGlobalDBProgressLag and the RDS events of both clusters. " +
          "No data counts as breaching: silence means this cluster no longer replicates (detached, failed over, or still joining).",
        ...alarmMetric(database.metric(AURORA_GLOBAL_REPLICATION_LAG, { stat: "Average" }), 60),
        comparisonOperator: "GreaterThanThreshold",
        threshold: lagMilliseconds,
        evaluationPeriods: 5,
        datapointsToAlarm: 5,
        treatMissingData: "breaching",
      });
    }

    this.alarmArns = [
      this.cpu.arn,
      this.freeableMemory.arn,
      ...(this.globalReplicationLag ? [this.globalReplicationLag.arn] : []),
    ];
  }
}
