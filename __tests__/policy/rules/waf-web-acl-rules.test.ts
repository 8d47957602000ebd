import { wafWebAclRules } from "../../../src/policy/rules/waf-web-acl-rules";
import { type Case, expectVerdict } from "./fixtures";

const VISIBLE = { cloudwatch_metrics_enabled: true, metric_name: "m", sampled_requests_enabled: true };
const managed = (name: string, override: object = { none: {} }) => ({
  name,
  priority: 1,
  override_action: override,
  statement: { managed_rule_group_statement: { name, vendor_name: "AWS" } },
  visibility_config: VISIBLE,
});
const RATE = {
  name: "rate-limit-per-ip",
  priority: 30,
  action: { block: {} },
  statement: { rate_based_statement: { limit: 2000, evaluation_window_sec: 300, aggregate_key_type: "IP" } },
  visibility_config: VISIBLE,
};
const RULES = [
  managed("AWSManagedRulesAmazonIpReputationList"),
  RATE,
  managed("AWSManagedRulesCommonRuleSet"),
  managed("AWSManagedRulesKnownBadInputsRuleSet"),
];
const ACL = {
  name: "titan-global-edge",
  scope: "CLOUDFRONT",
  default_action: { allow: {} },
  rule: RULES,
  visibility_config: VISIBLE,
};

describe("TITAN-WAF-1: web ACLs block with the managed rules, limit rates and publish metrics", () => {
  test.each<Case>([
    ["the edge's web ACL (as synthesized)", ACL, "compliant"],
    [
      "without the common rule set",
      { ...ACL, rule: RULES.filter((rule) => rule.name !== "AWSManagedRulesCommonRuleSet") },
      /no rule runs the managed group AWSManagedRulesCommonRuleSet/,
    ],
    [
      "without known bad inputs",
      { ...ACL, rule: RULES.slice(0, 3) },
      /no rule runs the managed group AWSManagedRulesKnownBadInputsRuleSet/,
    ],
    [
      "the common rules only counting",
      {
        ...ACL,
        rule: RULES.map((rule) =>
          rule.name === "AWSManagedRulesCommonRuleSet" ? managed(rule.name, { count: {} }) : rule,
        ),
      },
      /rule "AWSManagedRulesCommonRuleSet" overrides AWSManagedRulesCommonRuleSet to count, so it blocks nothing/,
    ],
    ["no rate limit", { ...ACL, rule: RULES.filter((rule) => rule !== RATE) }, /no rate-based rule/],
    [
      "no ACL metrics",
      { ...ACL, visibility_config: { ...VISIBLE, cloudwatch_metrics_enabled: false } },
      /visibility_config of the web ACL does not enable metrics/,
    ],
    [
      "a rule without sampled requests",
      {
        ...ACL,
        rule: RULES.map((rule) =>
          rule === RATE ? { ...RATE, visibility_config: { ...VISIBLE, sampled_requests_enabled: false } } : rule,
        ),
      },
      /rule "rate-limit-per-ip" does not enable CloudWatch metrics and sampled requests/,
    ],
    [
      "no rules at all",
      { ...ACL, rule: undefined },
      /no rule runs the managed group AWSManagedRulesCommonRuleSet.*no rate-based rule/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(wafWebAclRules, attributes, expected));
});
