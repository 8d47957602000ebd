import { cloudFrontMetric } from "../../../src/modules/edge/distribution";
import { webAclMetric } from "../../../src/modules/edge/web-acl";
import { EdgeAlarms, type EdgeAlarmsProps } from "../../../src/modules/observability/edge-alarms";
import { Namer } from "../../../src/naming";
import { ConstructValidationError } from "../../support/construct-errors";
import { synthAlarms } from "./alarm-synth";

const EDGE_TOPIC = "arn:aws:sns:us-east-1:111122223333:titan-global-alarms";
const DISTRIBUTION = "E2EXAMPLE0ABCD";
const WEB_ACL = "titan-global-edge";

const PROPS: EdgeAlarmsProps = {
  namer: new Namer("titan", "global"),
  topicArn: EDGE_TOPIC,
  distribution: { metric: (metricName, stat) => cloudFrontMetric(DISTRIBUTION, metricName, stat) },
  webAcl: { metric: (metricName, stat) => webAclMetric(WEB_ACL, metricName, stat) },
  viewer4xxThresholdPercent: 25,
  viewer4xxMinimumRequestsPerMinute: 20,
  viewer4xxEvaluationMinutes: 5,
  wafBlockedThresholdPercent: 20,
  wafBlockedMinimumRequestsPerMinute: 30,
  wafBlockedEvaluationMinutes: 4,
};

const synth = (props: Partial<EdgeAlarmsProps> = {}) =>
  synthAlarms((scope) => {
    new EdgeAlarms(scope, "EdgeAlarms", { ...PROPS, ...props });
  });

describe("EdgeAlarms", () => {
  const alarms = synth();

  it("creates the viewer 4xx and WAF blocked alarms, each notifying the us-east-1 topic both ways", () => {
    expect(Object.keys(alarms).sort()).toEqual(["titan-global-cloudfront-4xx-rate", "titan-global-waf-blocked-rate"]);
    for (const alarm of Object.values(alarms)) {
      expect(alarm).toEqual(expect.objectContaining({ alarm_actions: [EDGE_TOPIC], ok_actions: [EDGE_TOPIC] }));
      expect(alarm.alarm_description).toMatch(/Check first: .+\. .*No data means no requests/);
    }
  });

  it("judges CloudFront's own 4xx rate only in minutes with enough requests", () => {
    expect(alarms["titan-global-cloudfront-4xx-rate"]).toEqual(
      expect.objectContaining({
        comparison_operator: "GreaterThanThreshold",
        threshold: 25,
        evaluation_periods: 5,
        datapoints_to_alarm: 5,
        treat_missing_data: "notBreaching",
        metric_query: [
          expect.objectContaining({
            id: "share",
            expression: "IF(FILL(requests, 0) >= 20, FILL(rate, 0), 0)",
            return_data: true,
          }),
          {
            id: "rate",
            return_data: false,
            metric: {
              namespace: "AWS/CloudFront",
              metric_name: "4xxErrorRate",
              dimensions: { DistributionId: DISTRIBUTION, Region: "Global" },
              stat: "Average",
              period: 60,
            },
          },
          {
            id: "requests",
            return_data: false,
            metric: {
              namespace: "AWS/CloudFront",
              metric_name: "Requests",
              dimensions: { DistributionId: DISTRIBUTION, Region: "Global" },
              stat: "Sum",
              period: 60,
            },
          },
        ],
      }),
    );
  });

  it("takes the blocked share of allowed plus blocked requests of the whole web ACL (Rule=ALL, no Region)", () => {
    const alarm = alarms["titan-global-waf-blocked-rate"];
    expect(alarm).toEqual(expect.objectContaining({ threshold: 20, evaluation_periods: 4, datapoints_to_alarm: 4 }));
    const [share, ...metrics] = alarm.metric_query ?? [];
    expect(share).toEqual(
      expect.objectContaining({
        expression:
          "IF(FILL(blocked, 0) + FILL(allowed, 0) >= 30, 100 * FILL(blocked, 0) / (FILL(blocked, 0) + FILL(allowed, 0)), 0)",
        return_data: true,
      }),
    );
    expect(metrics).toEqual(
      ["blocked", "allowed"].map((id) => ({
        id,
        return_data: false,
        metric: {
          namespace: "AWS/WAFV2",
          metric_name: id === "blocked" ? "BlockedRequests" : "AllowedRequests",
          dimensions: { WebACL: WEB_ACL, Rule: "ALL" },
          stat: "Sum",
          period: 60,
        },
      })),
    );
    expect(alarm.alarm_description).toMatch(/blocked more than 20% .* each of 4 minutes .* fewer than 30 requests/);
  });

  test.each([
    [{ viewer4xxThresholdPercent: 0 }, /viewer4xxThresholdPercent: must be a whole number from 1 to 99/],
    [{ viewer4xxMinimumRequestsPerMinute: 0 }, /viewer4xxMinimumRequestsPerMinute: must be a whole number from 1 to/],
    [{ wafBlockedEvaluationMinutes: 0 }, /wafBlockedEvaluationMinutes: must be a whole number from 1 to 1440/],
    [{ wafBlockedThresholdPercent: 12.5 }, /wafBlockedThresholdPercent: must be a whole number from 1 to 99/],
  ])("rejects %p, naming the prop", (props, message) => {
    expect(() => synth(props)).toThrow(ConstructValidationError);
    expect(() => synth(props)).toThrow(message);
  });
});
