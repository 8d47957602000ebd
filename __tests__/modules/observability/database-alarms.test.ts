import { DatabaseAlarms, type DatabaseAlarmsProps } from "../../../src/modules/observability/database-alarms";
import { Namer } from "../../../src/naming";
import { ConstructValidationError } from "../../support/construct-errors";
import { databaseMetrics } from "../../support/metric-sources";
import { synthAlarms, TOPIC_ARN } from "./alarm-synth";

function synth(props: Partial<DatabaseAlarmsProps> = {}) {
  return synthAlarms((scope) => {
    new DatabaseAlarms(scope, "DatabaseAlarms", {
      namer: new Namer("titan", "primary"),
      topicArn: TOPIC_ARN,
      database: databaseMetrics("titan-primary-aurora"),
      ...props,
    });
  });
}

describe("DatabaseAlarms", () => {
  it("has no global replication-lag alarm unless asked (only a secondary cluster publishes the metric)", () => {
    expect(Object.keys(synth())).toEqual(["titan-primary-aurora-cpu", "titan-primary-aurora-freeable-memory"]);
    expect(Object.keys(synth({ includeGlobalReplicationLag: false }))).not.toContain(
      "titan-primary-aurora-global-replication-lag",
    );
  });

  it("alarms on global replication lag of this cluster when asked, at the threshold given", () => {
    const lag = synth({ includeGlobalReplicationLag: true, globalReplicationLagThresholdMilliseconds: 5000 })[
      "titan-primary-aurora-global-replication-lag"
    ];
    expect(lag).toEqual(
      expect.objectContaining({
        metric_name: "AuroraGlobalDBReplicationLag",
        dimensions: { DBClusterIdentifier: "titan-primary-aurora" },
        threshold: 5000,
      }),
    );
  });

  it("converts the freeable-memory threshold from MiB to the bytes CloudWatch reports", () => {
    expect(synth({ freeableMemoryThresholdMebibytes: 2048 })["titan-primary-aurora-freeable-memory"].threshold).toBe(
      2048 * 1024 * 1024,
    );
  });

  it("watches both roles, so the alarm follows the writer through a failover", () => {
    const queries = synth()["titan-primary-aurora-cpu"].metric_query ?? [];
    const roles = queries.flatMap((query) => {
      const metric = query.metric as { dimensions: { Role: string } } | undefined;
      return metric ? [metric.dimensions.Role] : [];
    });
    expect(roles).toEqual(["WRITER", "READER"]);
  });

  test.each([
    [{ cpuThresholdPercent: 0 }, /cpuThresholdPercent: must be a percentage above 0 and below 100, got 0/],
    [{ cpuThresholdPercent: 120 }, /cpuThresholdPercent: must be a percentage above 0 and below 100, got 120/],
    [
      { freeableMemoryThresholdMebibytes: 0 },
      /freeableMemoryThresholdMebibytes: must be a number of mebibytes above 0/,
    ],
    [
      { globalReplicationLagThresholdMilliseconds: -5 },
      /globalReplicationLagThresholdMilliseconds: must be a number of milliseconds above 0, got -5/,
    ],
  ])("rejects %p, naming the construct", (props, message) => {
    expect(() => synth(props)).toThrow(ConstructValidationError);
    expect(() => synth(props)).toThrow(message);
  });
});
