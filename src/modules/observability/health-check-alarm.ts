import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { Construct } from "constructs";
import type { Namer } from "../../naming";
import { notifyingAlarm } from "./alarms";
import { alarmMetric, type Metric } from "./metric";

export interface HealthCheckAlarmProps {
  readonly namer: Namer;
  /** Name component of the alarm, e.g. `primary-origin-unhealthy`. */
  readonly component: string;
  /** From `OriginHealthCheck.statusMetric()`. */
  readonly metric: Metric;
  /** What the origin is, for the alarm's description, e.g. `primary's origin (us-east-2)`. */
  readonly originDescription: string;
  /** What happens to traffic when it fires, e.g. "Route 53 is answering with DR's origin". */
  readonly consequence: string;
  /** The us-east-1 alarm topic: Route 53 publishes health-check metrics there only. */
  readonly topicArn: string;
}

/**
 * An alarm on a Route 53 health check's status, in us-east-1 where Route 53 publishes it.
 *
 * One minute at status below 1 fires it: the health check already required several consecutive
 * failed probes, so the alarm adds no further smoothing. Missing data is breaching: a health check
 * that stops reporting is not a healthy one.
 */
export function healthCheckAlarm(scope: Construct, id: string, props: HealthCheckAlarmProps): CloudwatchMetricAlarm {
  return notifyingAlarm(scope, id, props.topicArn, {
    alarmName: props.namer.name(props.component),
    alarmDescription:
      `Route 53 health checkers report ${props.originDescription} unhealthy. ${props.consequence}. ` +
      "Check first: the region's ALB alarms (no healthy host, ALB 5xx), then the app's health path. " +
      "No data counts as unhealthy: a health check that stops reporting proves nothing.",
    ...alarmMetric(props.metric, 60),
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    comparisonOperator: "LessThanThreshold",
    threshold: 1,
    treatMissingData: "breaching",
  });
}
