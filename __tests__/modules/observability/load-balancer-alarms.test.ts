import { TerraformOutput, Testing } from "cdktf";
import {
  LoadBalancerAlarms,
  type LoadBalancerAlarmsProps,
} from "../../../src/modules/observability/load-balancer-alarms";
import { Namer } from "../../../src/naming";
import { ConstructValidationError } from "../../support/construct-errors";
import { loadBalancerMetrics } from "../../support/metric-sources";
import { synthAlarms, TOPIC_ARN } from "./alarm-synth";

function synth(props: Partial<LoadBalancerAlarmsProps> = {}) {
  return synthAlarms((scope) => {
    new LoadBalancerAlarms(scope, "LoadBalancerAlarms", {
      namer: new Namer("titan", "primary"),
      topicArn: TOPIC_ARN,
      loadBalancer: loadBalancerMetrics(
        "app/titan-primary-alb/50dc6c495c0c9188",
        "targetgroup/titan-primary-app/73e2d6bc24d8a067",
      ),
      ...props,
    });
  });
}

describe("LoadBalancerAlarms", () => {
  it("fires on the thresholds it is given and says them in the descriptions", () => {
    const alarms = synth({
      errorRateThresholdPercent: 2,
      p95ResponseTimeThresholdSeconds: 0.5,
      loadBalancer5xxThresholdCount: 1,
    });
    expect(alarms["titan-primary-alb-target-5xx-rate"]).toEqual(
      expect.objectContaining({ threshold: 2, alarm_description: expect.stringContaining("More than 2% of requests") }),
    );
    expect(alarms["titan-primary-alb-p95-response-time"]).toEqual(
      expect.objectContaining({ threshold: 0.5, alarm_description: expect.stringContaining("above 0.5 s") }),
    );
    expect(alarms["titan-primary-alb-elb-5xx-count"]).toEqual(
      expect.objectContaining({
        threshold: 1,
        alarm_description: expect.stringContaining("answered 1 or more requests"),
      }),
    );
  });

  it("exposes every alarm it creates in alarmArns, for the dashboard's status strip", () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        const alarms = new LoadBalancerAlarms(scope, "LoadBalancerAlarms", {
          namer: new Namer("titan", "primary"),
          topicArn: TOPIC_ARN,
          loadBalancer: loadBalancerMetrics(
            "app/titan-primary-alb/50dc6c495c0c9188",
            "targetgroup/titan-primary-app/73e2d6bc24d8a067",
          ),
        });
        new TerraformOutput(scope, "AlarmArns", { value: alarms.alarmArns });
      }),
    ) as { resource: { aws_cloudwatch_metric_alarm: object }; output: Record<string, { value: string[] }> };
    const created = Object.keys(json.resource.aws_cloudwatch_metric_alarm);
    const exposed = Object.values(json.output)[0].value;
    expect(created).toHaveLength(6);
    expect([...exposed].sort()).toEqual(created.map((key) => `\${aws_cloudwatch_metric_alarm.${key}.arn}`).sort());
  });

  it("tells a target group with no target at all apart from one with unhealthy targets", () => {
    const alarms = synth();
    expect(alarms["titan-primary-alb-no-healthy-hosts"]).toEqual(
      expect.objectContaining({
        metric_name: "HealthyHostCount",
        comparison_operator: "LessThanThreshold",
        threshold: 1,
        alarm_description: expect.stringMatching(
          /Check first: that targets are registered .*readiness.*security groups/,
        ),
      }),
    );
  });

  it("counts the ALB's own 5xx instead of dividing by RequestCount, which leaves out requests with no target", () => {
    const alarm = synth()["titan-primary-alb-elb-5xx-count"];
    expect(alarm).not.toHaveProperty("metric_query");
    expect(alarm).toEqual(expect.objectContaining({ metric_name: "HTTPCode_ELB_5XX_Count", statistic: "Sum" }));
  });

  it("computes the 5xx rate from the same 5-minute sums, guarded against no traffic", () => {
    const [rate, ...metrics] = synth()["titan-primary-alb-target-5xx-rate"].metric_query ?? [];
    expect(rate.expression).toMatch(/^IF\(FILL\(requests, 0\) > 0, .* \/ FILL\(requests, 0\), 0\)$/);
    expect(metrics.map((query) => query.id)).toEqual(["errors", "requests"]);
    expect(metrics.every((query) => !query.return_data)).toBe(true);
  });

  describe("the share of requests the ALB refuses itself", () => {
    const alarm = (props: Partial<LoadBalancerAlarmsProps> = {}) => synth(props)["titan-primary-alb-elb-4xx-rate"];

    it("divides the ALB's own 4xx by every request it answered: RequestCount leaves out those refused before a target", () => {
      const [share, rejected, forwarded] = alarm().metric_query ?? [];
      expect(share).toEqual(
        expect.objectContaining({
          expression:
            "IF(FILL(rejected, 0) + FILL(forwarded, 0) >= 20, 100 * FILL(rejected, 0) / (FILL(rejected, 0) + FILL(forwarded, 0)), 0)",
          return_data: true,
        }),
      );
      expect([rejected.metric, forwarded.metric]).toEqual([
        expect.objectContaining({ metric_name: "HTTPCode_ELB_4XX_Count", stat: "Sum", period: 60 }),
        expect.objectContaining({ metric_name: "RequestCount", stat: "Sum", period: 60 }),
      ]);
    });

    it("takes its threshold, minimum traffic and minutes from its props and says them", () => {
      const configured = alarm({
        rejectedThresholdPercent: 35,
        rejectedMinimumRequestsPerMinute: 100,
        rejectedEvaluationMinutes: 3,
      });
      expect(configured).toEqual(
        expect.objectContaining({ threshold: 35, evaluation_periods: 3, datapoints_to_alarm: 3 }),
      );
      expect(configured.metric_query?.[0].expression).toMatch(
        /^IF\(FILL\(rejected, 0\) \+ FILL\(forwarded, 0\) >= 100, /,
      );
      expect(configured.alarm_description).toMatch(/More than 35% .* each of 3 minutes .* fewer than 100 requests/);
      expect(configured.alarm_description).toMatch(/origin-verify/);
    });
  });

  test.each([
    [{ rejectedThresholdPercent: 100 }, /rejectedThresholdPercent: must be a whole number from 1 to 99/],
    [{ rejectedMinimumRequestsPerMinute: 0 }, /rejectedMinimumRequestsPerMinute: must be a whole number from 1 to/],
    [{ rejectedEvaluationMinutes: 1441 }, /rejectedEvaluationMinutes: must be a whole number from 1 to 1440/],
    [{ errorRateThresholdPercent: 0 }, /errorRateThresholdPercent: must be a percentage above 0 and below 100, got 0/],
    [
      { errorRateThresholdPercent: 100 },
      /errorRateThresholdPercent: must be a percentage above 0 and below 100, got 100/,
    ],
    [
      { p95ResponseTimeThresholdSeconds: 0 },
      /p95ResponseTimeThresholdSeconds: must be a number of seconds above 0, got 0/,
    ],
    [
      { p95ResponseTimeThresholdSeconds: -1 },
      /p95ResponseTimeThresholdSeconds: must be a number of seconds above 0, got -1/,
    ],
    [
      { loadBalancer5xxThresholdCount: 0 },
      /loadBalancer5xxThresholdCount: must be a number of responses above 0, got 0/,
    ],
  ])("rejects %p, naming the construct", (props, message) => {
    expect(() => synth(props)).toThrow(ConstructValidationError);
    expect(() => synth(props)).toThrow(message);
  });
});
