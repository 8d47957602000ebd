import { CacheAlarms, type CacheAlarmsProps } from "../../../src/modules/observability/cache-alarms";
import { Namer } from "../../../src/naming";
import { ConstructValidationError } from "../../support/construct-errors";
import { cacheMetrics } from "../../support/metric-sources";
import { synthAlarms, TOPIC_ARN } from "./alarm-synth";

function synth(props: Partial<CacheAlarmsProps> = {}) {
  return synthAlarms((scope) => {
    new CacheAlarms(scope, "CacheAlarms", {
      namer: new Namer("titan", "primary"),
      topicArn: TOPIC_ARN,
      cache: cacheMetrics("titan-primary-redis", [
        "titan-primary-redis-001",
        "titan-primary-redis-002",
        "titan-primary-redis-003",
      ]),
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
    [
      { cache: cacheMetrics("titan-primary-redis", []) },
      /cache\.memberClusterIds: must hold 1 to 10 nodes \(CloudWatch's metric limit per alarm\), got 0/,
    ],
    [
      { cache: cacheMetrics("titan-primary-redis", eleven) },
      /cache\.memberClusterIds: must hold 1 to 10 nodes \(CloudWatch's metric limit per alarm\), got 11/,
    ],
    [
      { engineCpuThresholdPercent: 100 },
      /engineCpuThresholdPercent: must be a percentage above 0 and below 100, got 100/,
    ],
    [{ memoryThresholdPercent: -1 }, /memoryThresholdPercent: must be a percentage above 0 and below 100, got -1/],
    [
      { replicationLagThresholdSeconds: 0 },
      /replicationLagThresholdSeconds: must be a number of seconds above 0, got 0/,
    ],
  ])("rejects %p, naming the construct", (props, message) => {
    expect(() => synth(props)).toThrow(ConstructValidationError);
    expect(() => synth(props)).toThrow(message);
  });
});
