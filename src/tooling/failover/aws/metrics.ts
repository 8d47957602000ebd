/** Recent values of a CloudWatch metric, as the resource that publishes it describes it. */
import { type CloudWatchClient, GetMetricStatisticsCommand, type Statistic } from "@aws-sdk/client-cloudwatch";
import type { Metric } from "../../../modules/observability/metric";

/**
 * The largest one-minute value of `metric` (its own statistic, e.g. `Maximum`) over the last
 * `minutes`, or undefined without data. The namespace and dimensions come from the resource's own
 * description (`auroraMetric`), the same the alarms and the dashboard use.
 */
export async function recentMaximum(
  client: CloudWatchClient,
  metric: Metric,
  now: Date,
  minutes: number,
): Promise<number | undefined> {
  const statistic = metric.stat as Statistic;
  const { Datapoints = [] } = await client.send(
    new GetMetricStatisticsCommand({
      Namespace: metric.namespace,
      MetricName: metric.metricName,
      Dimensions: Object.entries(metric.dimensions).map(([Name, Value]) => ({ Name, Value })),
      StartTime: new Date(now.getTime() - minutes * 60_000),
      EndTime: now,
      Period: 60,
      Statistics: [statistic],
    }),
  );
  const values = Datapoints.map((point) => point[statistic]).filter((value): value is number => value !== undefined);
  return values.length === 0 ? undefined : Math.max(...values);
}
