import { CacheAlarms } from "../../../src/modules/observability/cache-alarms";
import { DatabaseAlarms } from "../../../src/modules/observability/database-alarms";
import { LoadBalancerAlarms } from "../../../src/modules/observability/load-balancer-alarms";
import { Namer } from "../../../src/naming";
import { cacheMetrics, databaseMetrics, loadBalancerMetrics } from "../../support/metric-sources";
import { synthAlarms, TOPIC_ARN } from "./alarm-synth";

const namer = new Namer("titan", "dr");
const LB = "app/titan-dr-alb/50dc6c495c0c9188";
const TG = "targetgroup/titan-dr-app/73e2d6bc24d8a067";
const CLUSTER = "titan-dr-aurora";
const NODES = ["titan-dr-redis-001", "titan-dr-redis-002"];

/** Every alarm of a DR region with default thresholds, by alarm name. */
const alarms = synthAlarms((scope) => {
  new LoadBalancerAlarms(scope, "LoadBalancer", {
    namer,
    topicArn: TOPIC_ARN,
    loadBalancer: loadBalancerMetrics(LB, TG),
  });
  new DatabaseAlarms(scope, "Database", {
    namer,
    topicArn: TOPIC_ARN,
    database: databaseMetrics(CLUSTER),
    includeGlobalReplicationLag: true,
  });
  new CacheAlarms(scope, "Cache", {
    namer,
    topicArn: TOPIC_ARN,
    cache: cacheMetrics("titan-dr-redis", NODES),
  });
});

/** The metric queries of a worst-of alarm: the combining expression, then one metric per member. */
function worstOf(
  combine: "MAX" | "MIN",
  namespace: string,
  metricName: string,
  stat: string,
  period: number,
  dimensions: Record<string, string>[],
) {
  return [
    expect.objectContaining({ id: "worst", expression: `${combine}(METRICS())`, return_data: true }),
    ...dimensions.map((dims, n) => ({
      id: `m${n + 1}`,
      return_data: false,
      metric: { namespace, metric_name: metricName, dimensions: dims, stat, period },
    })),
  ];
}

const byRole = [
  { DBClusterIdentifier: CLUSTER, Role: "WRITER" },
  { DBClusterIdentifier: CLUSTER, Role: "READER" },
];
const perNode = NODES.map((node) => ({ CacheClusterId: node }));

describe("the region's alarms with default thresholds", () => {
  test.each([
    [
      "titan-dr-alb-target-5xx-rate",
      {
        comparison_operator: "GreaterThanThreshold",
        threshold: 5,
        evaluation_periods: 1,
        datapoints_to_alarm: 1,
        treat_missing_data: "notBreaching",
        metric_query: [
          expect.objectContaining({
            id: "rate",
            expression: "IF(FILL(requests, 0) > 0, 100 * FILL(errors, 0) / FILL(requests, 0), 0)",
            return_data: true,
          }),
          {
            id: "errors",
            return_data: false,
            metric: {
              namespace: "AWS/ApplicationELB",
              metric_name: "HTTPCode_Target_5XX_Count",
              dimensions: { LoadBalancer: LB },
              stat: "Sum",
              period: 300,
            },
          },
          {
            id: "requests",
            return_data: false,
            metric: {
              namespace: "AWS/ApplicationELB",
              metric_name: "RequestCount",
              dimensions: { LoadBalancer: LB },
              stat: "Sum",
              period: 300,
            },
          },
        ],
      },
    ],
    [
      "titan-dr-alb-elb-4xx-rate",
      {
        comparison_operator: "GreaterThanThreshold",
        threshold: 20,
        evaluation_periods: 5,
        datapoints_to_alarm: 5,
        treat_missing_data: "notBreaching",
        metric_query: [
          expect.objectContaining({
            id: "share",
            expression:
              "IF(FILL(rejected, 0) + FILL(forwarded, 0) >= 20, 100 * FILL(rejected, 0) / (FILL(rejected, 0) + FILL(forwarded, 0)), 0)",
            return_data: true,
          }),
          ...[
            ["rejected", "HTTPCode_ELB_4XX_Count"],
            ["forwarded", "RequestCount"],
          ].map(([id, metricName]) => ({
            id,
            return_data: false,
            metric: {
              namespace: "AWS/ApplicationELB",
              metric_name: metricName,
              dimensions: { LoadBalancer: LB },
              stat: "Sum",
              period: 60,
            },
          })),
        ],
      },
    ],
    [
      "titan-dr-alb-p95-response-time",
      {
        namespace: "AWS/ApplicationELB",
        metric_name: "TargetResponseTime",
        dimensions: { LoadBalancer: LB },
        extended_statistic: "p95",
        period: 300,
        comparison_operator: "GreaterThanThreshold",
        threshold: 1,
        evaluation_periods: 3,
        datapoints_to_alarm: 2,
        treat_missing_data: "notBreaching",
      },
    ],
    [
      "titan-dr-alb-unhealthy-hosts",
      {
        namespace: "AWS/ApplicationELB",
        metric_name: "UnHealthyHostCount",
        dimensions: { LoadBalancer: LB, TargetGroup: TG },
        statistic: "Maximum",
        period: 60,
        comparison_operator: "GreaterThanThreshold",
        threshold: 0,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: "breaching",
      },
    ],
    [
      "titan-dr-alb-no-healthy-hosts",
      {
        namespace: "AWS/ApplicationELB",
        metric_name: "HealthyHostCount",
        dimensions: { LoadBalancer: LB, TargetGroup: TG },
        statistic: "Minimum",
        period: 60,
        comparison_operator: "LessThanThreshold",
        threshold: 1,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: "breaching",
      },
    ],
    [
      "titan-dr-alb-elb-5xx-count",
      {
        namespace: "AWS/ApplicationELB",
        metric_name: "HTTPCode_ELB_5XX_Count",
        dimensions: { LoadBalancer: LB },
        statistic: "Sum",
        period: 300,
        comparison_operator: "GreaterThanOrEqualToThreshold",
        threshold: 10,
        evaluation_periods: 1,
        datapoints_to_alarm: 1,
        treat_missing_data: "notBreaching",
      },
    ],
    [
      "titan-dr-aurora-cpu",
      {
        comparison_operator: "GreaterThanThreshold",
        threshold: 80,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: "missing",
        metric_query: worstOf("MAX", "AWS/RDS", "CPUUtilization", "Average", 300, byRole),
      },
    ],
    [
      "titan-dr-aurora-freeable-memory",
      {
        comparison_operator: "LessThanThreshold",
        threshold: 1024 * 1024 * 1024,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: "missing",
        metric_query: worstOf("MIN", "AWS/RDS", "FreeableMemory", "Minimum", 300, byRole),
      },
    ],
    [
      "titan-dr-aurora-global-replication-lag",
      {
        namespace: "AWS/RDS",
        metric_name: "AuroraGlobalDBReplicationLag",
        dimensions: { DBClusterIdentifier: CLUSTER },
        statistic: "Average",
        period: 60,
        comparison_operator: "GreaterThanThreshold",
        threshold: 1000,
        evaluation_periods: 5,
        datapoints_to_alarm: 5,
        treat_missing_data: "breaching",
      },
    ],
    [
      "titan-dr-redis-engine-cpu",
      {
        comparison_operator: "GreaterThanThreshold",
        threshold: 80,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: "missing",
        metric_query: worstOf("MAX", "AWS/ElastiCache", "EngineCPUUtilization", "Average", 300, perNode),
      },
    ],
    [
      "titan-dr-redis-memory",
      {
        comparison_operator: "GreaterThanThreshold",
        threshold: 80,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: "missing",
        metric_query: worstOf("MAX", "AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "Average", 300, perNode),
      },
    ],
    [
      "titan-dr-redis-replication-lag",
      {
        comparison_operator: "GreaterThanThreshold",
        threshold: 10,
        evaluation_periods: 5,
        datapoints_to_alarm: 5,
        treat_missing_data: "notBreaching",
        metric_query: worstOf("MAX", "AWS/ElastiCache", "ReplicationLag", "Average", 60, perNode),
      },
    ],
  ])("%s watches the right metric, threshold and periods", (alarmName, expected) => {
    expect(alarms[alarmName]).toEqual(expect.objectContaining(expected));
  });

  it("creates exactly the twelve alarms of the table", () => {
    expect(Object.keys(alarms)).toHaveLength(12);
  });

  test.each(Object.keys(alarms))("%s notifies the topic when it fires and when it recovers", (alarmName) => {
    expect(alarms[alarmName]).toEqual(expect.objectContaining({ alarm_actions: [TOPIC_ARN], ok_actions: [TOPIC_ARN] }));
    expect(alarms[alarmName]).not.toHaveProperty("insufficient_data_actions");
  });

  test.each(Object.keys(alarms))("%s says what it means, what to check first and what no data means", (alarmName) => {
    expect(alarms[alarmName].alarm_description).toMatch(/Check first: .+\. .*No data /);
  });

  test.each(Object.keys(alarms))(
    "%s watches either one metric or a metric-math expression, never both",
    (alarmName) => {
      const alarm = alarms[alarmName];
      expect(alarm.metric_query === undefined).toBe(alarm.metric_name !== undefined);
    },
  );
});
