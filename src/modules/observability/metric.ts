import type {
  CloudwatchMetricAlarmConfig,
  CloudwatchMetricAlarmMetricQuery,
} from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";

/**
 * One CloudWatch metric, as a resource describes its own (`AuroraCluster.metric`,
 * `RedisReplicationGroup.metricPerNode`, `ApplicationLoadBalancer.metric`): alarms and the
 * dashboard ask the resource, so a namespace and its dimensions are written once, beside the
 * resource that publishes them.
 */
export interface Metric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** `Average`, `Sum`, `Minimum`, `Maximum`, `SampleCount`, or a percentile such as `p95`. */
  readonly stat: string;
}

const PERCENTILE = /^p\d+(\.\d+)?$/;

/** The metric of a single-metric alarm: its namespace, name, dimensions and statistic. */
export function alarmMetric(
  metric: Metric,
  periodSeconds: number,
): Pick<
  CloudwatchMetricAlarmConfig,
  "namespace" | "metricName" | "dimensions" | "statistic" | "extendedStatistic" | "period"
> {
  return {
    namespace: metric.namespace,
    metricName: metric.metricName,
    dimensions: { ...metric.dimensions },
    // CloudWatch takes percentiles as an extended statistic, the others as a statistic.
    ...(PERCENTILE.test(metric.stat) ? { extendedStatistic: metric.stat } : { statistic: metric.stat }),
    period: periodSeconds,
  };
}

/** One metric of a metric-math alarm, not returned itself: the expression reads it by `id`. */
export function metricQuery(id: string, metric: Metric, periodSeconds: number): CloudwatchMetricAlarmMetricQuery {
  return {
    id,
    returnData: false,
    metric: {
      namespace: metric.namespace,
      metricName: metric.metricName,
      dimensions: { ...metric.dimensions },
      stat: metric.stat,
      period: periodSeconds,
    },
  };
}
