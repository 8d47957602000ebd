import {
  CloudwatchMetricAlarm,
  type CloudwatchMetricAlarmConfig,
  type CloudwatchMetricAlarmMetricQuery,
} from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { Construct } from "constructs";
import type { PropChecks } from "../../validation/prop-checks";
import { ALARM_EVALUATION_MINUTES, ALARM_MINIMUM_REQUESTS, ALARM_PERCENT } from "./limits";
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

/**
 * When a share of requests pages someone: above `thresholdPercent` of the requests of a minute, in
 * each of `evaluationMinutes` consecutive minutes, counting only minutes with at least
 * `minimumRequestsPerMinute` requests (a handful of requests makes any share meaningless, and an
 * idle standby must stay quiet).
 */
export interface RequestShareThresholds {
  readonly thresholdPercent: number;
  readonly minimumRequestsPerMinute: number;
  readonly evaluationMinutes: number;
}

/** Checks `thresholds`, given as the props `<prefix>ThresholdPercent`, `...MinimumRequestsPerMinute`, `...EvaluationMinutes`. */
export function checkRequestShare(checks: PropChecks, prefix: string, thresholds: RequestShareThresholds): PropChecks {
  return checks
    .wholeNumber(`${prefix}ThresholdPercent`, thresholds.thresholdPercent, ALARM_PERCENT)
    .wholeNumber(`${prefix}MinimumRequestsPerMinute`, thresholds.minimumRequestsPerMinute, ALARM_MINIMUM_REQUESTS)
    .wholeNumber(`${prefix}EvaluationMinutes`, thresholds.evaluationMinutes, ALARM_EVALUATION_MINUTES);
}

/** One part of a request total, read by `id` in the alarm's expression. */
export interface NamedMetric {
  /** Starts with a lower-case letter, as CloudWatch requires of metric-math ids. */
  readonly id: string;
  readonly metric: Metric;
}

/**
 * Metric queries for the share `part` takes of `part + rest` in percent, per minute, 0 for a minute
 * below the minimum traffic. Both are counts published only when non-zero, so FILL reads a missing
 * minute as 0, and the minimum (at least 1) keeps the division away from 0.
 */
export function requestShareQueries(
  part: NamedMetric,
  rest: NamedMetric,
  minimumRequestsPerMinute: number,
  label: string,
): CloudwatchMetricAlarmMetricQuery[] {
  const [p, r] = [`FILL(${part.id}, 0)`, `FILL(${rest.id}, 0)`];
  return [
    {
      id: "share",
      label,
      expression: `IF(${p} + ${r} >= ${minimumRequestsPerMinute}, 100 * ${p} / (${p} + ${r}), 0)`,
      returnData: true,
    },
    metricQuery(part.id, part.metric, 60),
    metricQuery(rest.id, rest.metric, 60),
  ];
}

/** The evaluation part of an alarm on a share of requests (see {@link RequestShareThresholds}). */
export function requestShareEvaluation(thresholds: RequestShareThresholds) {
  return {
    comparisonOperator: "GreaterThanThreshold",
    threshold: thresholds.thresholdPercent,
    evaluationPeriods: thresholds.evaluationMinutes,
    datapointsToAlarm: thresholds.evaluationMinutes,
    // No data means no requests at all, which is not an outage these alarms can see.
    treatMissingData: "notBreaching",
  } as const;
}
