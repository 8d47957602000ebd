import {
  CloudwatchMetricAlarm,
  type CloudwatchMetricAlarmConfig,
  type CloudwatchMetricAlarmMetricQuery,
} from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Token } from "cdktf";
import type { Construct } from "constructs";

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

/** One metric to fetch for a metric-math alarm. */
export interface AlarmMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly stat: string;
}

/**
 * Metric queries for an alarm on the worst of several metrics: `MAX(METRICS())` (or `MIN`) of
 * one time series per node or role, so one alarm covers every member and keeps covering them when
 * a failover moves the primary role from one member to another.
 */
export function worstOfMetrics(
  combine: "MAX" | "MIN",
  metrics: readonly AlarmMetric[],
  periodSeconds: number,
  label: string,
): CloudwatchMetricAlarmMetricQuery[] {
  return [
    { id: "worst", expression: `${combine}(METRICS())`, label, returnData: true },
    ...metrics.map((metric, n) => ({
      id: `m${n + 1}`,
      returnData: false,
      metric: {
        namespace: metric.namespace,
        metricName: metric.metricName,
        dimensions: { ...metric.dimensions },
        stat: metric.stat,
        period: periodSeconds,
      },
    })),
  ];
}

/** Raises a prop problem in the shape every titan construct uses: who, what, value, what to do. */
export class AlarmPropError extends Error {
  constructor(owner: string, prop: string, value: unknown, rule: string) {
    super(`${owner}: ${prop} ${rule}, got ${JSON.stringify(value)}`);
  }
}

/** Checks `0 < value < 100`, skipping values only known at apply time. */
export function checkPercent(owner: string, prop: string, value: number): void {
  if (!Token.isUnresolved(value) && !(value > 0 && value < 100)) {
    throw new AlarmPropError(owner, prop, value, "must be a percentage above 0 and below 100");
  }
}

/** Checks `value > 0` and finite, skipping values only known at apply time. */
export function checkPositive(owner: string, prop: string, value: number, unit: string): void {
  if (!Token.isUnresolved(value) && !(Number.isFinite(value) && value > 0)) {
    throw new AlarmPropError(owner, prop, value, `must be a number of ${unit} above 0`);
  }
}

/** Checks that an identifier used as a metric dimension is a non-empty string. */
export function checkIdentifier(owner: string, prop: string, value: string): void {
  if (!Token.isUnresolved(value) && value.trim() === "") {
    throw new AlarmPropError(owner, prop, value, "must name the resource (CloudWatch dimension value)");
  }
}
