import { EdgeWebAcl, type EdgeWebAclProps, MANAGED_RULE_GROUPS } from "../../../src/modules/edge/web-acl";
import { Namer } from "../../../src/naming";
import { one, synthScope } from "./synth";

const PROPS: EdgeWebAclProps = {
  namer: new Namer("titan", "global"),
  rateLimitRequests: 2000,
  rateLimitWindowSeconds: 300,
  anonymousIpList: false,
  kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/edge",
  logRetentionDays: 90,
};

const synth = (props: Partial<EdgeWebAclProps> = {}) =>
  synthScope((scope) => {
    new EdgeWebAcl(scope, "WebAcl", { ...PROPS, ...props });
  });

interface Rule {
  readonly name: string;
  readonly priority: number;
  readonly statement: Record<string, Record<string, unknown>>;
  readonly override_action?: unknown;
  readonly action?: unknown;
}

describe("EdgeWebAcl", () => {
  const json = synth();
  const acl = one(json, "aws_wafv2_web_acl");
  const rules = acl.rule as Rule[];

  it("is a CLOUDFRONT-scope ACL that allows what no rule blocks, with metrics", () => {
    expect(acl).toMatchObject({
      name: "titan-global-edge",
      scope: "CLOUDFRONT",
      default_action: { allow: {} },
      visibility_config: {
        cloudwatch_metrics_enabled: true,
        sampled_requests_enabled: true,
        metric_name: "titan-global-edge",
      },
    });
  });

  it("runs IP reputation, the rate limit, the common rules and known bad inputs, in that order, managed groups unmodified", () => {
    expect(rules.map((rule) => [rule.priority, rule.name])).toEqual([
      [10, MANAGED_RULE_GROUPS.ipReputation],
      [30, "rate-limit-per-ip"],
      [40, MANAGED_RULE_GROUPS.common],
      [50, MANAGED_RULE_GROUPS.knownBadInputs],
    ]);
    for (const rule of rules.filter((candidate) => candidate.name.startsWith("AWSManagedRules"))) {
      expect(rule.override_action).toEqual({ none: {} });
      expect(rule.statement).toEqual({ managed_rule_group_statement: { name: rule.name, vendor_name: "AWS" } });
    }
  });

  it("blocks an IP past the configured rate over the configured window", () => {
    expect(rules[1]).toMatchObject({
      action: { block: {} },
      statement: { rate_based_statement: { limit: 2000, evaluation_window_sec: 300, aggregate_key_type: "IP" } },
    });
  });

  it("adds the anonymous-IP group after IP reputation when asked", () => {
    const withAnonymous = one(synth({ anonymousIpList: true }), "aws_wafv2_web_acl").rule as Rule[];
    expect(withAnonymous.map((rule) => rule.name)).toContain(MANAGED_RULE_GROUPS.anonymousIp);
    expect(withAnonymous.find((rule) => rule.name === MANAGED_RULE_GROUPS.anonymousIp)?.priority).toBe(20);
  });

  it("logs every request to an encrypted aws-waf-logs- group with retention, credentials redacted", () => {
    expect(one(json, "aws_cloudwatch_log_group")).toEqual({
      name: "aws-waf-logs-titan-global-edge",
      kms_key_id: "arn:aws:kms:us-east-1:111122223333:key/edge",
      retention_in_days: 90,
    });
    expect(one(json, "aws_wafv2_web_acl_logging_configuration")).toEqual({
      resource_arn: expect.stringMatching(/^\$\{aws_wafv2_web_acl\.\w+\.arn\}$/),
      log_destination_configs: [expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.\w+\.arn\}$/)],
      redacted_fields: [{ single_header: { name: "authorization" } }, { single_header: { name: "cookie" } }],
    });
  });

  test.each<[string, Partial<EdgeWebAclProps>, RegExp]>([
    [
      "a rate limit below 10",
      { rateLimitRequests: 9 },
      /rateLimitRequests: must be a whole number from 10 to 2000000000 \(WAF's limits for a rate-.*got 9/,
    ],
    [
      "a 30 s window",
      { rateLimitWindowSeconds: 30 },
      /rateLimitWindowSeconds: must be one of 60, 120, 300, 600, got 30/,
    ],
    [
      "a retention CloudWatch refuses",
      { logRetentionDays: 10 },
      /retentionDays: must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 54.*got 10/,
    ],
  ])("rejects %s", (_case, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});

describe("EdgeWebAcl.metric", () => {
  let built: EdgeWebAcl | undefined;
  const json = synthScope((scope) => {
    built = new EdgeWebAcl(scope, "WebAcl", PROPS);
  });
  const acl = one(json, "aws_wafv2_web_acl") as { name: string; visibility_config: { metric_name: string } };

  it("names the whole web ACL by the name that is both its name and its metric name, without a Region (CLOUDFRONT scope)", () => {
    const metric = built?.metric("BlockedRequests", "Sum");
    expect(acl.visibility_config.metric_name).toBe(acl.name);
    expect(metric).toEqual({
      namespace: "AWS/WAFV2",
      metricName: "BlockedRequests",
      dimensions: { WebACL: acl.name, Rule: "ALL" },
      stat: "Sum",
    });
  });
});
