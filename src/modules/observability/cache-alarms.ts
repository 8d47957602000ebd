import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Token } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import {
  AlarmPropError,
  checkIdentifier,
  checkPercent,
  checkPositive,
  MAX_METRICS_PER_ALARM,
  notifyingAlarm,
  worstOfMetrics,
} from "./alarms";

export interface CacheAlarmsProps {
  readonly namer: Namer;
  /** From `AlarmTopic.topicArn`: where every alarm and recovery is sent. */
  readonly topicArn: string;
  /** The Redis replication group's id, named in the alarm descriptions. */
  readonly replicationGroupId: string;
  /**
   * The replication group's node cache clusters (`<replicationGroupId>-001`, `-002`, ...), known
   * at synth time: ElastiCache publishes node metrics by `CacheClusterId` only.
   */
  readonly memberClusterIds: readonly string[];
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

const NAMESPACE = "AWS/ElastiCache";

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
    const owner = `CacheAlarms ${props.namer.name("redis")}`;
    checkIdentifier(owner, "replicationGroupId", props.replicationGroupId);
    checkMembers(owner, props.memberClusterIds);
    checkPercent(owner, "engineCpuThresholdPercent", cpuPercent);
    checkPercent(owner, "memoryThresholdPercent", memoryPercent);
    checkPositive(owner, "replicationLagThresholdSeconds", lagSeconds, "seconds");

    const { namer, topicArn, replicationGroupId } = props;
    const perNode = (metricName: string) =>
      props.memberClusterIds.map((cacheClusterId) => ({
        namespace: NAMESPACE,
        metricName,
        dimensions: { CacheClusterId: cacheClusterId },
        stat: "Average",
      }));
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

function checkMembers(owner: string, memberClusterIds: readonly string[]): void {
  const prop = "memberClusterIds";
  if (Token.isUnresolved(memberClusterIds)) {
    throw new AlarmPropError(owner, prop, "<unknown until apply>", "must be literal ids such as <group>-001");
  }
  if (memberClusterIds.length < 1 || memberClusterIds.length > MAX_METRICS_PER_ALARM) {
    throw new AlarmPropError(
      owner,
      prop,
      memberClusterIds,
      `must list 1 to ${MAX_METRICS_PER_ALARM} node cache clusters (CloudWatch's metric limit per alarm)`,
    );
  }
  if (new Set(memberClusterIds).size !== memberClusterIds.length) {
    throw new AlarmPropError(owner, prop, memberClusterIds, "must not repeat an id");
  }
  for (const member of memberClusterIds) {
    checkIdentifier(owner, prop, member);
  }
}
