import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { checkIdentifier, checkPercent, checkPositive, notifyingAlarm } from "./alarms";

export interface LoadBalancerAlarmsProps {
  readonly namer: Namer;
  /** From `AlarmTopic.topicArn`: where every alarm and recovery is sent. */
  readonly topicArn: string;
  /** The ALB's `arn_suffix` (`app/<name>/<id>`): CloudWatch's `LoadBalancer` dimension. */
  readonly loadBalancerArnSuffix: string;
  /** The `arn_suffix` (`targetgroup/<name>/<id>`) of the target group serving the app. */
  readonly targetGroupArnSuffix: string;
  /** Share of requests answered 5xx by the app, over 5 minutes, that fires the alarm. @default 5 */
  readonly errorRateThresholdPercent?: number;
  /** p95 of the app's response time, sustained, that fires the alarm. @default 1: a second at p95 */
  readonly p95ResponseTimeThresholdSeconds?: number;
}

const NAMESPACE = "AWS/ApplicationELB";

/**
 * The app's user-facing alarms at the regional ALB: error rate, tail latency and unhealthy targets.
 *
 * Why a rate and not a count of 5xx: a count means different things at different traffic, and
 * the ALB publishes `HTTPCode_Target_5XX_Count` only for periods that have errors, so the math
 * fills gaps with 0 and guards the division by zero. 502/503s the ALB itself returns when no
 * target is healthy are not in `RequestCount`; the unhealthy-host alarm covers that case.
 */
export class LoadBalancerAlarms extends Construct {
  readonly errorRate: CloudwatchMetricAlarm;
  readonly responseTime: CloudwatchMetricAlarm;
  readonly unhealthyHosts: CloudwatchMetricAlarm;
  readonly alarmArns: readonly string[];

  constructor(scope: Construct, id: string, props: LoadBalancerAlarmsProps) {
    super(scope, id);
    const errorRatePercent = props.errorRateThresholdPercent ?? 5;
    const responseTimeSeconds = props.p95ResponseTimeThresholdSeconds ?? 1;
    const owner = `LoadBalancerAlarms ${props.namer.name("alb")}`;
    checkIdentifier(owner, "loadBalancerArnSuffix", props.loadBalancerArnSuffix);
    checkIdentifier(owner, "targetGroupArnSuffix", props.targetGroupArnSuffix);
    checkPercent(owner, "errorRateThresholdPercent", errorRatePercent);
    checkPositive(owner, "p95ResponseTimeThresholdSeconds", responseTimeSeconds, "seconds");

    const { namer, topicArn } = props;
    const loadBalancer = { LoadBalancer: props.loadBalancerArnSuffix };

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
        {
          id: "errors",
          returnData: false,
          metric: {
            namespace: NAMESPACE,
            metricName: "HTTPCode_Target_5XX_Count",
            dimensions: loadBalancer,
            stat: "Sum",
            period: 300,
          },
        },
        {
          id: "requests",
          returnData: false,
          metric: {
            namespace: NAMESPACE,
            metricName: "RequestCount",
            dimensions: loadBalancer,
            stat: "Sum",
            period: 300,
          },
        },
      ],
    });

    this.responseTime = notifyingAlarm(this, "ResponseTime", topicArn, {
      alarmName: namer.name("alb-p95-response-time"),
      alarmDescription:
        `The app's p95 response time was above ${responseTimeSeconds} s in 2 of the last 3 five-minute periods. ` +
        "Check first: Aurora CPU and connections, Redis engine CPU, then app CPU and pod or instance count. " +
        "No data means no traffic, so it counts as OK.",
      namespace: NAMESPACE,
      metricName: "TargetResponseTime",
      dimensions: loadBalancer,
      extendedStatistic: "p95",
      period: 300,
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
      namespace: NAMESPACE,
      metricName: "UnHealthyHostCount",
      dimensions: { ...loadBalancer, TargetGroup: props.targetGroupArnSuffix },
      statistic: "Maximum",
      period: 60,
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      treatMissingData: "breaching",
    });

    this.alarmArns = [this.errorRate.arn, this.responseTime.arn, this.unhealthyHosts.arn];
  }
}
