import { block, blocks, isTrue, shown } from "../attributes";
import type { Attributes } from "../rule";
import { type PolicyRule, verdict } from "../rule";

/** The AWS managed rule groups every web ACL must evaluate: OWASP-style common rules and known exploits. */
const REQUIRED_MANAGED_GROUPS = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"];

function statementOf(rule: Attributes): Attributes {
  return block(rule, "statement") ?? {};
}

function managedGroupName(rule: Attributes): string | undefined {
  const statement = block(statementOf(rule), "managed_rule_group_statement");
  return typeof statement?.name === "string" ? statement.name : undefined;
}

/**
 * A web ACL that protects: the common rule set and known bad inputs evaluated with their own
 * actions (a group overridden to `count` only watches), a per-IP rate-based rule, and metrics and
 * sampled requests for the ACL and every rule, without which nobody can tell what it blocked.
 */
export const wafWebAclRules: PolicyRule = {
  id: "TITAN-WAF-1",
  title: "WAF web ACLs run the AWS common and known-bad-input rules in block mode, a rate limit, and metrics",
  severity: "high",
  mirrors: [{ tool: "checkov", id: "CKV_AWS_192" }],
  resourceTypes: ["aws_wafv2_web_acl"],
  check({ attributes }) {
    const rules = blocks(attributes, "rule");
    const managed = rules.filter((rule) => managedGroupName(rule) !== undefined);
    const visibility = (owner: Attributes) => block(owner, "visibility_config") ?? {};
    const observed = (owner: Attributes) =>
      isTrue(visibility(owner).cloudwatch_metrics_enabled) && isTrue(visibility(owner).sampled_requests_enabled);
    return verdict([
      ...REQUIRED_MANAGED_GROUPS.map(
        (group) =>
          !managed.some((rule) => managedGroupName(rule) === group) &&
          `no rule runs the managed group ${group}: add it with override_action none`,
      ),
      ...managed.map(
        (rule) =>
          block(block(rule, "override_action") ?? {}, "count") !== undefined &&
          `rule ${shown(rule.name)} overrides ${managedGroupName(rule)} to count, so it blocks nothing: use override_action none`,
      ),
      !rules.some((rule) => block(statementOf(rule), "rate_based_statement") !== undefined) &&
        "no rate-based rule: add one limiting requests per client IP",
      !observed(attributes) && "visibility_config of the web ACL does not enable metrics and sampled requests",
      ...rules.map(
        (rule) =>
          !observed(rule) &&
          `rule ${shown(rule.name)} does not enable CloudWatch metrics and sampled requests in its visibility_config`,
      ),
    ]);
  },
};
