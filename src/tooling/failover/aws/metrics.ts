/** The Aurora global replication lag, as CloudWatch has it. */
import { type CloudWatchClient, GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";

/** The largest one-minute maximum of a cluster metric over the last `minutes`, or undefined without data. */
export async function recentClusterMaximum(
  client: CloudWatchClient,
  metric: { readonly namespace: string; readonly metricName: string },
  clusterIdentifier: string,
  now: Date,
  minutes: number,
): Promise<number | undefined> {
  const { Datapoints = [] } = await client.send(
    new GetMetricStatisticsCommand({
      Namespace: metric.namespace,
      MetricName: metric.metricName,
      Dimensions: [{ Name: "DBClusterIdentifier", Value: clusterIdentifier }],
      StartTime: new Date(now.getTime() - minutes * 60_000),
      EndTime: now,
      Period: 60,
      Statistics: ["Maximum"],
    }),
  );
  const values = Datapoints.map((point) => point.Maximum).filter((value): value is number => value !== undefined);
  return values.length === 0 ? undefined : Math.max(...values);
}
