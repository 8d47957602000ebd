import {
  CloudwatchMetricAlarm,
  type CloudwatchMetricAlarmConfig,
  type CloudwatchMetricAlarmMetricQuery,
} from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { Construct } from "constructs";
import { type Metric, metricQuery } from "./metric";

/**
 * What CloudWatch makes of a period without data. Every alarm picks one and says why in its
 * description, because the right answer depends on what silence means for that metric.
 */
export type MissingDataTreatment = "breaching" | "notBreaching" | "missing" | "ignore";

/** An alarm's configuration without its actions, which always go to the region's alarm topic. */
export type NotifyingAlarmConfig = Omit<
  CloudwatchMetricAlarmConfig,
  "alarmActions" | "okActions" | "insufficientDataActions" | "treatMissingData"
> & {
  readonly treatMissingData: MissingDataTreatment;
};

/** Creates an alarm that notifies the topic both when it fires and when it recovers. */
export function notifyingAlarm(
  scope: Construct,
  id: string,
  topicArn: string,
  config: NotifyingAlarmConfig,
): CloudwatchMetricAlarm {
  return new CloudwatchMetricAlarm(scope, id, {
    ...config,
    // The OK notification closes the incident for whoever received the alarm.
    alarmActions: [topicArn],
    okActions: [topicArn],
  });
}

/** CloudWatch accepts at most 10 metrics in one metric-math alarm (PutMetricAlarm). */
export const MAX_METRICS_PER_ALARM = 10;

/**
 * Metric queries for an alarm on the worst of several metrics: `MAX(METRICS())` (or `MIN`) of
 * one time series per node or role, so one alarm covers every member and keeps covering them when
 * a failover moves the primary role from one member to another.
 */
export function worstOfMetrics(
  combine: "MAX" | "MIN",
  metrics: readonly Metric[],
  periodSeconds: number,
  label: string,
): CloudwatchMetricAlarmMetricQuery[] {
  return [
    { id: "worst", expression: `${combine}(METRICS())`, label, returnData: true },
    ...metrics.map((metric, n) => metricQuery(`m${n + 1}`, metric, periodSeconds)),
  ];
}
