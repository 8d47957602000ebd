import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { PropChecks } from "../../validation/prop-checks";
import type { ApplicationLoadBalancer } from "../web/load-balancer";
import { checkRequestShare, notifyingAlarm, requestShareEvaluation, requestShareQueries } from "./alarms";
import { alarmMetric, metricQuery } from "./metric";

/** What the alarms read of the load balancer: its metrics and its active targets'. */
export type LoadBalancerMetricSource = Pick<ApplicationLoadBalancer, "metric" | "targetMetric">;

export interface LoadBalancerAlarmsProps {
  readonly namer: Namer;
  /** From `AlarmTopic.topicArn`: where every alarm and recovery is sent. */
  readonly topicArn: string;
  /** The region's ALB (`ApplicationLoadBalancer`): its metrics and those of the targets serving the app. */
  readonly loadBalancer: LoadBalancerMetricSource;
  /** Share of requests answered 5xx by the app, over 5 minutes, that fires the alarm. @default 5 */
  readonly errorRateThresholdPercent?: number;
  /** p95 of the app's response time, sustained, that fires the alarm. @default 1: a second at p95 */
  readonly p95ResponseTimeThresholdSeconds?: number;
  /**
   * 5xx responses the ALB itself returns (502/503/504, not the app's) within 5 minutes that fire
   * the alarm. @default 10 - a few 502s while a target drains are tolerated, an outage is not
   */
  readonly loadBalancer5xxThresholdCount?: number;
  /**
   * Share of all requests, in a minute, that the ALB answers itself with a 4xx (its 403 to a request
   * without a valid origin-verify header among them) that counts toward the alarm. @default 20
   */
  readonly rejectedThresholdPercent?: number;
  /** Requests a minute (forwarded plus rejected) below which the share is not judged. @default 20 */
  readonly rejectedMinimumRequestsPerMinute?: number;
  /** Consecutive minutes above the threshold that fire the alarm. @default 5 */
  readonly rejectedEvaluationMinutes?: number;
}

/**
 * The app's user-facing alarms at the regional ALB: the app's error rate, tail latency, unhealthy
 * targets, no healthy target at all, the 5xx the ALB answers itself, and the share of requests it
 * refuses itself with a 4xx.
 *
 * Why a rate for the app's 5xx: a count means different things at different traffic, and the ALB
 * publishes `HTTPCode_Target_5XX_Count` only for periods that have errors, so the math fills gaps
 * with 0 and guards the division by zero.
 *
 * Why a count, not a rate, for the ALB's own 5xx: `RequestCount` only counts requests for which
 * the ALB could choose a target ("requests that are rejected before a target is chosen are not
 * reflected", and it is reported only while targets are registered; ALB CloudWatch metrics docs).
 * The 503s of an ALB with no target to send to are therefore outside it: in exactly that outage the
 * rate's denominator is 0 and the guard reads 0%. And 502/504s after a target was chosen are in it,
 * so no sum of the two metrics is a clean denominator either.
 *
 * Why a healthy-host alarm beside the unhealthy-host one: with no target registered at all (pods
 * never bound to the target group), `UnHealthyHostCount` reads 0 while every request gets a 503.
 *
 * Why an alarm on the 4xx the ALB answers itself: when CloudFront's origin-verify header stops
 * matching (a rotation applied out of order, a header renamed on one side), the listener's default
 * action answers every viewer request with a 403 while the app, its targets and Route 53's health
 * checks (which pass without the header) all look healthy: a total outage nothing else sees. Those
 * 403s never reach a target, so `RequestCount` leaves them out ("requests rejected before selecting
 * a target are not reflected"), and the share is taken of `RequestCount + HTTPCode_ELB_4XX_Count`,
 * every request the ALB answered. Route 53's probes of the health path are forwarded and count as
 * requests without a 4xx, so they dilute the share a little (tens a minute) and never raise it: an
 * idle standby, which sees little else, stays quiet. Should AWS count fixed responses in
 * `RequestCount` after all, the share of a full outage reads about 50% instead of 100%, still above
 * the default threshold.
 */
export class LoadBalancerAlarms extends Construct {
  readonly errorRate: CloudwatchMetricAlarm;
  readonly responseTime: CloudwatchMetricAlarm;
  readonly unhealthyHosts: CloudwatchMetricAlarm;
  readonly noHealthyHosts: CloudwatchMetricAlarm;
  readonly loadBalancerErrors: CloudwatchMetricAlarm;
  readonly rejectedRequests: CloudwatchMetricAlarm;
  readonly alarmArns: readonly string[];

  constructor(scope: Construct, id: string, props: LoadBalancerAlarmsProps) {
    super(scope, id);
    const errorRatePercent = props.errorRateThresholdPercent ?? 5;
    const responseTimeSeconds = props.p95ResponseTimeThresholdSeconds ?? 1;
    const loadBalancer5xxCount = props.loadBalancer5xxThresholdCount ?? 10;
    const rejected = {
      thresholdPercent: props.rejectedThresholdPercent ?? 20,
      minimumRequestsPerMinute: props.rejectedMinimumRequestsPerMinute ?? 20,
      evaluationMinutes: props.rejectedEvaluationMinutes ?? 5,
    };
    const checks = new PropChecks(this)
      .percentage("errorRateThresholdPercent", errorRatePercent)
      .positive("p95ResponseTimeThresholdSeconds", responseTimeSeconds, "seconds")
      .positive("loadBalancer5xxThresholdCount", loadBalancer5xxCount, "responses");
    checkRequestShare(checks, "rejected", rejected).throwIfAny();

    const { namer, topicArn, loadBalancer } = props;

    this.errorRate = notifyingAlarm(this, "ErrorRate", topicArn, {
      alarmName: namer.name("alb-target-5xx-rate"),
      alarmDescription:
        `More than ${errorRatePercent}% of requests got a 5xx from the app over 5 minutes. ` +
        "Check first: the app's logs and the last deployment (roll back if it just happened), then the database and cache alarms. " +
        "No data means no traffic, so it counts as OK.",
      comparisonOperator: "GreaterThanThreshold",
      threshold: errorRatePercent,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: "notBreaching",
      metricQuery: [
        {
          id: "rate",
          label: "Target 5xx rate (%)",
          // FILL: no datapoint means no errors; IF: no requests means a rate of 0, not a division by zero.
          expression: "IF(FILL(requests, 0) > 0, 100 * FILL(errors, 0) / FILL(requests, 0), 0)",
          returnData: true,
        },
        metricQuery("errors", loadBalancer.metric("HTTPCode_Target_5XX_Count", "Sum"), 300),
        metricQuery("requests", loadBalancer.metric("RequestCount", "Sum"), 300),
      ],
    });

    this.responseTime = notifyingAlarm(this, "ResponseTime", topicArn, {
      alarmName: namer.name("alb-p95-response-time"),
      alarmDescription:
        `The app's p95 response time was above ${responseTimeSeconds} s in 2 of the last 3 five-minute periods. ` +
        "Check first: Aurora CPU and connections, Redis engine CPU, then app CPU and pod or instance count. " +
        "No data means no traffic, so it counts as OK.",
      ...alarmMetric(loadBalancer.metric("TargetResponseTime", "p95"), 300),
      comparisonOperator: "GreaterThanThreshold",
      threshold: responseTimeSeconds,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: "notBreaching",
    });

    this.unhealthyHosts = notifyingAlarm(this, "UnhealthyHosts", topicArn, {
      alarmName: namer.name("alb-unhealthy-hosts"),
      alarmDescription:
        "At least one app target failed the ALB health check for 3 minutes in a row. " +
        "Check first: the target group's health check reasons, then the app's logs and its database and cache connectivity. " +
        "No data counts as breaching: the ALB reports this every minute while the target group serves it, so silence means the target group lost its targets or its listener.",
      ...alarmMetric(loadBalancer.targetMetric("UnHealthyHostCount", "Maximum"), 60),
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      treatMissingData: "breaching",
    });

    this.noHealthyHosts = notifyingAlarm(this, "NoHealthyHosts", topicArn, {
      alarmName: namer.name("alb-no-healthy-hosts"),
      alarmDescription:
        "The target group had no healthy target for 3 minutes in a row: the ALB answers 503 to every request. " +
        "Check first: that targets are registered at all (the app's TargetGroupBinding and its events), then the pods' readiness, " +
        "then the security groups between the ALB and the pods on the app port. " +
        "No data counts as breaching: silence means the target group lost its targets or its listener.",
      ...alarmMetric(loadBalancer.targetMetric("HealthyHostCount", "Minimum"), 60),
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      treatMissingData: "breaching",
    });

    this.loadBalancerErrors = notifyingAlarm(this, "LoadBalancerErrors", topicArn, {
      alarmName: namer.name("alb-elb-5xx-count"),
      alarmDescription:
        `The ALB itself answered ${loadBalancer5xxCount} or more requests with a 5xx (502, 503 or 504, not the app's) over 5 minutes. ` +
        "Check first: the no-healthy-hosts and unhealthy-hosts alarms (503: no target to send to), " +
        "then the app's timeouts and keep-alive against the ALB's (502/504), then the ALB's access logs for the exact codes. " +
        "No data means no such errors, so it counts as OK.",
      ...alarmMetric(loadBalancer.metric("HTTPCode_ELB_5XX_Count", "Sum"), 300),
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: loadBalancer5xxCount,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: "notBreaching",
    });

    this.rejectedRequests = notifyingAlarm(this, "RejectedRequests", topicArn, {
      alarmName: namer.name("alb-elb-4xx-rate"),
      alarmDescription:
        `More than ${rejected.thresholdPercent}% of the requests the ALB answered got a 4xx from the ALB itself (not the app) ` +
        `in each of ${rejected.evaluationMinutes} minutes in a row (minutes with fewer than ${rejected.minimumRequestsPerMinute} requests do not count). ` +
        "Viewers are most likely refused with the listener's 403 while the app and Route 53's health checks look fine. " +
        "Check first: the ALB's access logs for 403s from the default action (no valid origin-verify header), " +
        "then that primary, dr and global were all applied after the last edge.originVerify.generation bump, in that order; " +
        "then 400/413/431 (malformed or oversized requests) in the same logs. " +
        "No data means no requests, so it counts as OK.",
      ...requestShareEvaluation(rejected),
      metricQuery: requestShareQueries(
        { id: "rejected", metric: loadBalancer.metric("HTTPCode_ELB_4XX_Count", "Sum") },
        { id: "forwarded", metric: loadBalancer.metric("RequestCount", "Sum") },
        rejected.minimumRequestsPerMinute,
        "Requests the ALB refused itself (%)",
      ),
    });

    this.alarmArns = [
      this.errorRate.arn,
      this.responseTime.arn,
      this.unhealthyHosts.arn,
      this.noHealthyHosts.arn,
      this.loadBalancerErrors.arn,
      this.rejectedRequests.arn,
    ];
  }
}
