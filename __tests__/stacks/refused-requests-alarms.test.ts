import type { SynthesizedAlarm } from "../modules/observability/alarm-synth";
import { metricMathProblems, type SynthesizedMetricQuery } from "../support/metric-math";
import { buildApp, resourcesOf, synthJson, testConfig } from "../support/synth";

function alarmsOf(stack: Parameters<typeof synthJson>[0]): Record<string, SynthesizedAlarm> {
  const alarms = Object.values(resourcesOf(synthJson(stack), "aws_cloudwatch_metric_alarm")) as SynthesizedAlarm[];
  return Object.fromEntries(alarms.map((alarm) => [alarm.alarm_name, alarm]));
}

/** The dimensions of an alarm's `n`th metric query. */
const dimensionsOf = (alarm: SynthesizedAlarm, n: number) =>
  ((alarm.metric_query ?? [])[n]?.metric as { dimensions?: object } | undefined)?.dimensions;

const topicOf = (stack: Parameters<typeof synthJson>[0]) =>
  Object.keys(resourcesOf(synthJson(stack), "aws_sns_topic")).map((name) => `\${aws_sns_topic.${name}.arn}`);

describe("alarms on refused requests (review finding 3: a refused origin-verify header or a WAF false positive)", () => {
  const stacks = buildApp(
    testConfig({
      observability: {
        refusedRequests: {
          loadBalancer: { thresholdPercent: 30, minimumRequestsPerMinute: 40, evaluationMinutes: 3 },
          cloudFront: { thresholdPercent: 35, minimumRequestsPerMinute: 50, evaluationMinutes: 4 },
          waf: { thresholdPercent: 15, minimumRequestsPerMinute: 60, evaluationMinutes: 6 },
        },
      },
    }),
  );

  test.each([
    ["primary", stacks.primary],
    ["dr", stacks.dr],
  ])("%s alarms on the ALB's own 4xx share with the configured settings, to its encrypted topic", (role, stack) => {
    const alarm = alarmsOf(stack)[`titan-${role}-alb-elb-4xx-rate`];
    expect(alarm).toEqual(expect.objectContaining({ threshold: 30, evaluation_periods: 3, datapoints_to_alarm: 3 }));
    expect(alarm.metric_query?.[0]).toEqual(expect.objectContaining({ expression: expect.stringContaining(">= 40,") }));
    expect(alarm.alarm_actions).toEqual(topicOf(stack));
    const dimensions = (alarm.metric_query ?? [])
      .slice(1)
      .map((query) => (query.metric as { dimensions: object }).dimensions);
    expect(dimensions).toEqual([
      { LoadBalancer: expect.stringMatching(/^\$\{aws_lb\.\w+\.arn_suffix\}$/) },
      { LoadBalancer: expect.stringMatching(/^\$\{aws_lb\.\w+\.arn_suffix\}$/) },
    ]);
  });

  it("alarms in global (us-east-1) on CloudFront's 4xx share of its distribution and the web ACL's blocked share", () => {
    const alarms = alarmsOf(stacks.global);
    const viewer = alarms["titan-global-cloudfront-4xx-rate"];
    const waf = alarms["titan-global-waf-blocked-rate"];
    expect(viewer).toEqual(expect.objectContaining({ threshold: 35, evaluation_periods: 4 }));
    expect(waf).toEqual(expect.objectContaining({ threshold: 15, evaluation_periods: 6 }));
    expect(viewer.metric_query?.[0].expression).toContain(">= 50,");
    expect(waf.metric_query?.[0].expression).toContain(">= 60,");
    expect(dimensionsOf(viewer, 1)).toEqual({
      DistributionId: expect.stringMatching(/^\$\{aws_cloudfront_distribution\.\w+\.id\}$/),
      Region: "Global",
    });
    const acl = Object.values(resourcesOf(synthJson(stacks.global), "aws_wafv2_web_acl"))[0] as { name: string };
    expect(dimensionsOf(waf, 1)).toEqual({
      WebACL: acl.name,
      Rule: "ALL",
    });
    expect(viewer.alarm_actions).toEqual(topicOf(stacks.global));
    expect(waf.alarm_actions).toEqual(topicOf(stacks.global));
  });

  it("has no edge alarm without its us-east-1 provider: global is the only stack with CloudFront or WAF metrics", () => {
    for (const stack of [stacks.primary, stacks.dr]) {
      const namespaces = Object.values(alarmsOf(stack)).flatMap((alarm) =>
        (alarm.metric_query ?? []).map((query) => (query.metric as { namespace?: string } | undefined)?.namespace),
      );
      expect(namespaces).not.toContain("AWS/CloudFront");
      expect(namespaces).not.toContain("AWS/WAFV2");
    }
  });
});

describe("every metric-math alarm of every stack is one CloudWatch accepts", () => {
  const stacks = buildApp();
  const all = [stacks.primary, stacks.dr, stacks.global].flatMap((stack) =>
    Object.values(alarmsOf(stack)).filter((alarm) => alarm.metric_query !== undefined),
  );

  it("covers the refused-request alarms", () => {
    expect(all.map((alarm) => alarm.alarm_name)).toEqual(
      expect.arrayContaining([
        "titan-primary-alb-elb-4xx-rate",
        "titan-dr-alb-elb-4xx-rate",
        "titan-global-cloudfront-4xx-rate",
        "titan-global-waf-blocked-rate",
      ]),
    );
  });

  test.each(all.map((alarm) => [alarm.alarm_name, alarm] as const))("%s", (_name, alarm) => {
    expect(metricMathProblems(alarm.metric_query as SynthesizedMetricQuery[])).toEqual([]);
  });

  test.each([
    [
      [
        { id: "Share", expression: "m1", return_data: true },
        { id: "m1", metric: {}, return_data: false },
      ],
      /lower-case/,
    ],
    [
      [
        { id: "share", expression: "FILL(gone, 0)", return_data: true },
        { id: "m1", metric: {} },
      ],
      /reads "gone"/,
    ],
    [
      [
        { id: "share", expression: "m1", return_data: true },
        { id: "m1", metric: {}, return_data: true },
      ],
      /2 queries/,
    ],
    [[{ id: "share", metric: {}, expression: "1", return_data: true }], /either an expression or a metric/],
  ])("the check itself refuses broken math: %j", (queries, problem) => {
    expect(metricMathProblems(queries).join("\n")).toMatch(problem);
  });
});
