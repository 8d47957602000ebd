import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { PropChecks } from "../../validation/prop-checks";
import type { RedisReplicationGroup } from "../cache/redis";
import { MAX_METRICS_PER_ALARM, notifyingAlarm, worstOfMetrics } from "./alarms";

/** What the alarms read of a replication group: its id and its per-node metrics. */
export type CacheMetricSource = Pick<
  RedisReplicationGroup,
  "replicationGroupId" | "memberClusterIds" | "metricPerNode"
>;

export interface CacheAlarmsProps {
  readonly namer: Namer;
  /** From `AlarmTopic.topicArn`: where every alarm and recovery is sent. */
  readonly topicArn: string;
  /** The region's replication group (`RedisReplicationGroup`): its nodes' metrics. */
  readonly cache: CacheMetricSource;
  /** Redis engine-thread CPU of the busiest node, sustained 15 minutes. @default 80 */
  readonly engineCpuThresholdPercent?: number;
  /** Share of `maxmemory` used by data on the fullest node, sustained 15 minutes. @default 80 */
  readonly memoryThresholdPercent?: number;
  /**
   * Replication lag of the furthest-behind replica, sustained 5 minutes.
   * @default 10 - far above the usual sub-second lag, so it fires on a stuck or resyncing replica, not a write burst
   */
  readonly replicationLagThresholdSeconds?: number;
}

/**
 * Saturation and replication alarms for one region's Redis replication group.
 *
 * Why per-node metrics combined into one alarm each: ElastiCache publishes engine CPU, memory and
 * replication lag per node (`CacheClusterId`), not per replication group. `MAX(METRICS())` over
 * the nodes watches the worst one whichever is primary, so a failover that swaps the primary
 * needs no change; the dashboard shows which node it is. Why engine CPU and not host CPU: Redis
 * runs commands on one thread, which saturates long before the host's other cores do.
 */
export class CacheAlarms extends Construct {
  readonly engineCpu: CloudwatchMetricAlarm;
  readonly memory: CloudwatchMetricAlarm;
  readonly replicationLag: CloudwatchMetricAlarm;
  readonly alarmArns: readonly string[];

  constructor(scope: Construct, id: string, props: CacheAlarmsProps) {
    super(scope, id);
    const cpuPercent = props.engineCpuThresholdPercent ?? 80;
    const memoryPercent = props.memoryThresholdPercent ?? 80;
    const lagSeconds = props.replicationLagThresholdSeconds ?? 10;
    const members = props.cache.memberClusterIds;
    new PropChecks(this)
      .require(
        members.length >= 1 && members.length <= MAX_METRICS_PER_ALARM,
        "cache.memberClusterIds",
        `must hold 1 to ${MAX_METRICS_PER_ALARM} nodes (CloudWatch's metric limit per alarm), got ${members.length}`,
      )
      .percentage("engineCpuThresholdPercent", cpuPercent)
      .percentage("memoryThresholdPercent", memoryPercent)
      .positive("replicationLagThresholdSeconds", lagSeconds, "seconds")
      .throwIfAny();

    const { namer, topicArn } = props;
    const { replicationGroupId } = props.cache;
    const perNode = (metricName: string) => props.cache.metricPerNode(metricName, "Average");
    // A gap is not saturation: an unreachable cache pages through the ALB alarms instead, and
    // "missing" shows the gap as INSUFFICIENT_DATA rather than a reassuring OK.
    const saturation = { evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: "missing" } as const;

    this.engineCpu = notifyingAlarm(this, "EngineCpu", topicArn, {
      alarmName: namer.name("redis-engine-cpu"),
      alarmDescription:
        `Redis ${replicationGroupId}: a node's engine thread was above ${cpuPercent}% CPU for 15 minutes. ` +
        "Check first: the slow log (O(N) commands such as KEYS), then request rate per node; scale up the node type. " +
        "No data shows as INSUFFICIENT_DATA without notifying.",
      comparisonOperator: "GreaterThanThreshold",
      threshold: cpuPercent,
      ...saturation,
      metricQuery: worstOfMetrics("MAX", perNode("EngineCPUUtilization"), 300, "Busiest node engine CPU (%)"),
    });

    this.memory = notifyingAlarm(this, "Memory", topicArn, {
      alarmName: namer.name("redis-memory"),
      alarmDescription:
        `Redis ${replicationGroupId}: a node used more than ${memoryPercent}% of its memory for data for 15 minutes; next come evictions, or write errors under noeviction. ` +
        "Check first: Evictions and key count, keys without a TTL; then a larger node type. " +
        "No data shows as INSUFFICIENT_DATA without notifying.",
      comparisonOperator: "GreaterThanThreshold",
      threshold: memoryPercent,
      ...saturation,
      metricQuery: worstOfMetrics("MAX", perNode("DatabaseMemoryUsagePercentage"), 300, "Fullest node memory (%)"),
    });

    this.replicationLag = notifyingAlarm(this, "ReplicationLag", topicArn, {
      alarmName: namer.name("redis-replication-lag"),
      alarmDescription:
        `Redis ${replicationGroupId}: a replica was more than ${lagSeconds} s behind the primary for 5 minutes; reads from it are stale and a failover to it would lose writes. ` +
        "Check first: the primary's engine CPU and network, and ElastiCache events for a replica resync. " +
        "No data counts as OK: only replicas publish this metric, so a group without replicas has nothing to lag.",
      comparisonOperator: "GreaterThanThreshold",
      threshold: lagSeconds,
      evaluationPeriods: 5,
      datapointsToAlarm: 5,
      treatMissingData: "notBreaching",
      metricQuery: worstOfMetrics("MAX", perNode("ReplicationLag"), 60, "Furthest replica lag (s)"),
    });

    this.alarmArns = [this.engineCpu.arn, this.memory.arn, this.replicationLag.arn];
  }
}
