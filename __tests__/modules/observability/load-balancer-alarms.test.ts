import {
  LoadBalancerAlarms,
  type LoadBalancerAlarmsProps,
} from "../../../src/modules/observability/load-balancer-alarms";
import { Namer } from "../../../src/naming";
import { synthAlarms, TOPIC_ARN } from "./alarm-synth";

function synth(props: Partial<LoadBalancerAlarmsProps> = {}) {
  return synthAlarms((scope) => {
    new LoadBalancerAlarms(scope, "LoadBalancerAlarms", {
      namer: new Namer("titan", "primary"),
      topicArn: TOPIC_ARN,
      loadBalancerArnSuffix: "app/titan-primary-alb/50dc6c495c0c9188",
      targetGroupArnSuffix: "targetgroup/titan-primary-app/73e2d6bc24d8a067",
      ...props,
    });
  });
}

describe("LoadBalancerAlarms", () => {
  it("fires on the thresholds it is given and says them in the descriptions", () => {
    const alarms = synth({ errorRateThresholdPercent: 2, p95ResponseTimeThresholdSeconds: 0.5 });
    expect(alarms["titan-primary-alb-target-5xx-rate"]).toEqual(
      expect.objectContaining({ threshold: 2, alarm_description: expect.stringContaining("More than 2% of requests") }),
    );
    expect(alarms["titan-primary-alb-p95-response-time"]).toEqual(
      expect.objectContaining({ threshold: 0.5, alarm_description: expect.stringContaining("above 0.5 s") }),
    );
  });

  it("computes the 5xx rate from the same 5-minute sums, guarded against no traffic", () => {
    const [rate, ...metrics] = synth()["titan-primary-alb-target-5xx-rate"].metric_query ?? [];
    expect(rate.expression).toMatch(/^IF\(FILL\(requests, 0\) > 0, .* \/ FILL\(requests, 0\), 0\)$/);
    expect(metrics.map((query) => query.id)).toEqual(["errors", "requests"]);
    expect(metrics.every((query) => !query.return_data)).toBe(true);
  });

  test.each([
    [{ errorRateThresholdPercent: 0 }, /errorRateThresholdPercent must be a percentage above 0 and below 100, got 0/],
    [
      { errorRateThresholdPercent: 100 },
      /errorRateThresholdPercent must be a percentage above 0 and below 100, got 100/,
    ],
    [
      { p95ResponseTimeThresholdSeconds: 0 },
      /p95ResponseTimeThresholdSeconds must be a number of seconds above 0, got 0/,
    ],
    [
      { p95ResponseTimeThresholdSeconds: -1 },
      /p95ResponseTimeThresholdSeconds must be a number of seconds above 0, got -1/,
    ],
    [{ loadBalancerArnSuffix: "" }, /loadBalancerArnSuffix must name the resource/],
    [{ targetGroupArnSuffix: " " }, /targetGroupArnSuffix must name the resource/],
  ])("rejects %p, naming the construct", (props, message) => {
    expect(() => synth(props)).toThrow(/^LoadBalancerAlarms titan-primary-alb: /);
    expect(() => synth(props)).toThrow(message);
  });
});
