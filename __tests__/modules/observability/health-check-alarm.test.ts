import { healthCheckAlarm } from "../../../src/modules/observability/health-check-alarm";
import { Namer } from "../../../src/naming";
import { synthAlarms } from "./alarm-synth";

const TOPIC = "arn:aws:sns:us-east-1:111122223333:titan-global-alarms";

describe("healthCheckAlarm", () => {
  it("fires within a minute of the health check reporting unhealthy, or reporting nothing, and says what follows", () => {
    const alarms = synthAlarms((scope) => {
      healthCheckAlarm(scope, "PrimaryHealthCheckAlarm", {
        namer: new Namer("titan", "global"),
        component: "primary-origin-unhealthy",
        metric: {
          namespace: "AWS/Route53",
          metricName: "HealthCheckStatus",
          dimensions: { HealthCheckId: "hc-1" },
          stat: "Minimum",
        },
        originDescription: "primary's origin (primary.origin.api.example.com)",
        consequence: "Route 53 now answers origin.api.example.com with DR's origin",
        topicArn: TOPIC,
      });
    });
    expect(alarms["titan-global-primary-origin-unhealthy"]).toEqual({
      alarm_name: "titan-global-primary-origin-unhealthy",
      alarm_description: expect.stringMatching(
        /^Route 53 health checkers report primary's origin \(primary\.origin\.api\.example\.com\) unhealthy\. Route 53 now answers .* Check first: .* No data counts as unhealthy/,
      ),
      namespace: "AWS/Route53",
      metric_name: "HealthCheckStatus",
      dimensions: { HealthCheckId: "hc-1" },
      statistic: "Minimum",
      period: 60,
      evaluation_periods: 1,
      datapoints_to_alarm: 1,
      comparison_operator: "LessThanThreshold",
      threshold: 1,
      treat_missing_data: "breaching",
      alarm_actions: [TOPIC],
      ok_actions: [TOPIC],
    });
  });
});
