import { Wafv2WebAcl, type Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { PropChecks } from "../../validation/prop-checks";
import { EncryptedLogGroup } from "../observability/log-group";
import type { Metric } from "../observability/metric";
import { WAF_RATE_LIMIT, WAF_RATE_WINDOWS_SECONDS } from "./limits";

/** WAF requires log groups receiving its logs to be named with this prefix. */
export const WAF_LOG_GROUP_PREFIX = "aws-waf-logs-";

/** The AWS managed rule groups every web ACL of titan's evaluates, in order. */
export const MANAGED_RULE_GROUPS = {
  ipReputation: "AWSManagedRulesAmazonIpReputationList",
  anonymousIp: "AWSManagedRulesAnonymousIpList",
  common: "AWSManagedRulesCommonRuleSet",
  knownBadInputs: "AWSManagedRulesKnownBadInputsRuleSet",
} as const;

export interface EdgeWebAclProps {
  readonly namer: Namer;
  /** Requests one client IP may send per window before it is blocked. */
  readonly rateLimitRequests: number;
  /** 60, 120, 300 or 600. */
  readonly rateLimitWindowSeconds: number;
  /** Add the anonymous-IP rule group (VPNs, Tor, hosting providers). */
  readonly anonymousIpList: boolean;
  /** us-east-1 customer key for the log group (its policy admits CloudWatch Logs there). */
  readonly kmsKeyArn: string;
  /** One of the retention periods CloudWatch Logs accepts. */
  readonly logRetentionDays: number;
}

/**
 * The web ACL in front of the API: scope CLOUDFRONT, so it lives in us-east-1 like every web ACL a
 * distribution can use.
 *
 * Rules run cheapest and most certain first: Amazon's IP reputation list, then (optionally) the
 * anonymous-IP list, then the per-IP rate limit, then the common rule set and known bad inputs.
 * Managed groups keep their own actions (`override_action none`). Every rule publishes metrics and
 * sampled requests, and every request is logged to an encrypted log group with a retention, with
 * the `authorization` and `cookie` headers redacted: the log is for investigating attacks, not a
 * second credential store.
 */
export class EdgeWebAcl extends Construct {
  readonly webAcl: Wafv2WebAcl;
  readonly logGroup: EncryptedLogGroup;
  readonly logging: Wafv2WebAclLoggingConfiguration;
  /** The ARN CloudFront's `web_acl_id` takes (a WAFv2 ARN, not an id). */
  readonly arn: string;
  /** The web ACL's name, which is also its metric name (the `WebACL` dimension of its metrics). */
  readonly webAclName: string;

  constructor(scope: Construct, id: string, props: EdgeWebAclProps) {
    super(scope, id);
    new PropChecks(this)
      .wholeNumber("rateLimitRequests", props.rateLimitRequests, WAF_RATE_LIMIT)
      .oneOf("rateLimitWindowSeconds", props.rateLimitWindowSeconds, WAF_RATE_WINDOWS_SECONDS)
      .throwIfAny();
    const name = props.namer.name("edge", "wafAcl");
    const visibility = (metricName: string) => ({
      cloudwatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const metric = (suffix: string) => visibility(`${name}-${suffix}`);
    const managed = (priority: number, group: string): Wafv2WebAclRule => ({
      name: group,
      priority,
      overrideAction: { none: {} },
      statement: { managed_rule_group_statement: { name: group, vendor_name: "AWS" } },
      visibilityConfig: metric(group),
    });
    const rules: Wafv2WebAclRule[] = [
      managed(10, MANAGED_RULE_GROUPS.ipReputation),
      ...(props.anonymousIpList ? [managed(20, MANAGED_RULE_GROUPS.anonymousIp)] : []),
      {
        name: "rate-limit-per-ip",
        priority: 30,
        action: { block: {} },
        statement: {
          rate_based_statement: {
            limit: props.rateLimitRequests,
            evaluation_window_sec: props.rateLimitWindowSeconds,
            aggregate_key_type: "IP",
          },
        },
        visibilityConfig: metric("rate-limit-per-ip"),
      },
      managed(40, MANAGED_RULE_GROUPS.common),
      managed(50, MANAGED_RULE_GROUPS.knownBadInputs),
    ];
    this.webAcl = new Wafv2WebAcl(this, "Resource", {
      name,
      description: "titan API edge: IP reputation, rate limit, common and known-bad-input rules",
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      rule: rules,
      // The web ACL's own metric name is its name: CloudWatch's WebACL dimension is then the same
      // whichever of the two WAF reads it from, and its metrics are found by the name on the console.
      visibilityConfig: visibility(name),
      tags: { Name: name },
    });
    this.arn = this.webAcl.arn;
    this.webAclName = name;

    this.logGroup = new EncryptedLogGroup(this, "Logs", {
      logGroupName: `${WAF_LOG_GROUP_PREFIX}${name}`,
      kmsKeyArn: props.kmsKeyArn,
      retentionDays: props.logRetentionDays,
    });
    this.logging = new Wafv2WebAclLoggingConfiguration(this, "Logging", {
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [this.logGroup.arn],
      redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }],
    });
  }

  /**
   * A metric of the whole web ACL (AWS/WAFV2, `WebACL` and `Rule=ALL`), such as `AllowedRequests`
   * or `BlockedRequests`. A CLOUDFRONT-scope web ACL publishes them in us-east-1 without the
   * `Region` dimension regional web ACLs carry.
   */
  metric(metricName: string, stat: string): Metric {
    return webAclMetric(this.webAclName, metricName, stat);
  }
}

/** The metrics `EdgeWebAcl.metric` gives, for a CLOUDFRONT-scope web ACL known by its metric name. */
export function webAclMetric(webAclMetricName: string, metricName: string, stat: string): Metric {
  return { namespace: "AWS/WAFV2", metricName, dimensions: { WebACL: webAclMetricName, Rule: "ALL" }, stat };
}
