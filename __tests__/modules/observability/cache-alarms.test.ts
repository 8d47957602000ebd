import { Token } from "cdktf";
import { CacheAlarms, type CacheAlarmsProps } from "../../../src/modules/observability/cache-alarms";
import { Namer } from "../../../src/naming";
import { synthAlarms, TOPIC_ARN } from "./alarm-synth";

function synth(props: Partial<CacheAlarmsProps> = {}) {
  return synthAlarms((scope) => {
    new CacheAlarms(scope, "CacheAlarms", {
      namer: new Namer("titan", "primary"),
      topicArn: TOPIC_ARN,
      replicationGroupId: "titan-primary-redis",
      memberClusterIds: ["titan-primary-redis-001", "titan-primary-redis-002", "titan-primary-redis-003"],
      ...props,
    });
  });
}

function nodesWatched(alarm: { metric_query?: Record<string, unknown>[] }): string[] {
  return (alarm.metric_query ?? []).flatMap((query) => {
    const metric = query.metric as { dimensions: { CacheClusterId: string } } | undefined;
    return metric ? [metric.dimensions.CacheClusterId] : [];
  });
}

describe("CacheAlarms", () => {
  it("watches every node in each alarm, whichever is primary", () => {
    const alarms = synth();
    for (const name of [
      "titan-primary-redis-engine-cpu",
      "titan-primary-redis-memory",
      "titan-primary-redis-replication-lag",
    ]) {
      expect(nodesWatched(alarms[name])).toEqual([
        "titan-primary-redis-001",
        "titan-primary-redis-002",
        "titan-primary-redis-003",
      ]);
    }
  });

  it("fires on the thresholds it is given", () => {
    const alarms = synth({
      engineCpuThresholdPercent: 70,
      memoryThresholdPercent: 90,
      replicationLagThresholdSeconds: 3,
    });
    expect(alarms["titan-primary-redis-engine-cpu"].threshold).toBe(70);
    expect(alarms["titan-primary-redis-memory"].threshold).toBe(90);
    expect(alarms["titan-primary-redis-replication-lag"].threshold).toBe(3);
  });

  const eleven = Array.from({ length: 11 }, (_, n) => `titan-primary-redis-${String(n + 1).padStart(3, "0")}`);
  test.each([
    [{ memberClusterIds: [] }, /memberClusterIds must list 1 to 10 node cache clusters/],
    [{ memberClusterIds: eleven }, /memberClusterIds must list 1 to 10 node cache clusters/],
    [{ memberClusterIds: ["a-001", "a-001"] }, /memberClusterIds must not repeat an id/],
    [{ memberClusterIds: ["a-001", ""] }, /memberClusterIds must name the resource/],
    [
      { memberClusterIds: Token.asList("${aws_elasticache_replication_group.x.member_clusters}") },
      /must be literal ids/,
    ],
    [
      { engineCpuThresholdPercent: 100 },
      /engineCpuThresholdPercent must be a percentage above 0 and below 100, got 100/,
    ],
    [{ memoryThresholdPercent: -1 }, /memoryThresholdPercent must be a percentage above 0 and below 100, got -1/],
    [
      { replicationLagThresholdSeconds: 0 },
      /replicationLagThresholdSeconds must be a number of seconds above 0, got 0/,
    ],
    [{ replicationGroupId: "" }, /replicationGroupId must name the resource/],
  ])("rejects %p, naming the construct", (props, message) => {
    expect(() => synth(props)).toThrow(/^CacheAlarms titan-primary-redis: /);
    expect(() => synth(props)).toThrow(message);
  });
});
