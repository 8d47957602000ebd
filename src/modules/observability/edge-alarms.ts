import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { PropChecks } from "../../validation/prop-checks";
import type { EdgeDistribution } from "../edge/distribution";
import type { EdgeWebAcl } from "../edge/web-acl";
import {
  checkRequestShare,
  notifyingAlarm,
  type RequestShareThresholds,
  requestShareEvaluation,
  requestShareQueries,
} from "./alarms";
import { metricQuery } from "./metric";

/** What the alarms read of the distribution and its web ACL: their metrics. */
export type DistributionMetricSource = Pick<EdgeDistribution, "metric">;
export type WebAclMetricSource = Pick<EdgeWebAcl, "metric">;

export interface EdgeAlarmsProps {
  readonly namer: Namer;
  /** The us-east-1 alarm topic: CloudFront and a CLOUDFRONT-scope web ACL publish metrics there only. */
  readonly topicArn: string;
  readonly distribution: DistributionMetricSource;
  readonly webAcl: WebAclMetricSource;
  /** Share of viewer requests answered 4xx (CloudFront's `4xxErrorRate`) that counts toward the alarm. */
  readonly viewer4xxThresholdPercent: number;
  /** Viewer requests a minute below which the 4xx share is not judged. */
  readonly viewer4xxMinimumRequestsPerMinute: number;
  /** Consecutive minutes above the 4xx threshold that fire the alarm. */
  readonly viewer4xxEvaluationMinutes: number;
  /** Share of the requests the web ACL judged that it blocked, counting toward the alarm. */
  readonly wafBlockedThresholdPercent: number;
  /** Requests a minute (allowed plus blocked) below which the blocked share is not judged. */
  readonly wafBlockedMinimumRequestsPerMinute: number;
  /** Consecutive minutes above the blocked threshold that fire the alarm. */
  readonly wafBlockedEvaluationMinutes: number;
}

/**
 * The edge's view of refused viewers, in us-east-1: CloudFront's 4xx share and the web ACL's
 * blocked share.
 *
 * Why at the edge as well as at each ALB: the requests the web ACL blocks never reach an origin,
 * and a rule that starts blocking the API's ordinary requests (a managed rule set's update, a false
 * positive on a new endpoint) is an outage the regional alarms and the health checks (which go to
 * the origins directly) cannot see. CloudFront's `4xxErrorRate` covers every refusal viewers get,
 * the WAF's 403s and the origins' (an origin-verify header the ALBs no longer accept) alike, along
 * with the app's own 4xx: its threshold sits above the app's ordinary share. The WAF alarm says
 * which of the two it is.
 */
export class EdgeAlarms extends Construct {
  readonly viewer4xx: CloudwatchMetricAlarm;
  readonly wafBlocked: CloudwatchMetricAlarm;
  readonly alarmArns: readonly string[];

  constructor(scope: Construct, id: string, props: EdgeAlarmsProps) {
    super(scope, id);
    const viewer: RequestShareThresholds = {
      thresholdPercent: props.viewer4xxThresholdPercent,
      minimumRequestsPerMinute: props.viewer4xxMinimumRequestsPerMinute,
      evaluationMinutes: props.viewer4xxEvaluationMinutes,
    };
    const waf: RequestShareThresholds = {
      thresholdPercent: props.wafBlockedThresholdPercent,
      minimumRequestsPerMinute: props.wafBlockedMinimumRequestsPerMinute,
      evaluationMinutes: props.wafBlockedEvaluationMinutes,
    };
    checkRequestShare(checkRequestShare(new PropChecks(this), "viewer4xx", viewer), "wafBlocked", waf).throwIfAny();
    const { namer, topicArn, distribution, webAcl } = props;
    const minutes = (t: RequestShareThresholds) =>
      `in each of ${t.evaluationMinutes} minutes in a row (minutes with fewer than ${t.minimumRequestsPerMinute} requests do not count)`;

    this.viewer4xx = notifyingAlarm(this, "Viewer4xx", topicArn, {
      alarmName: namer.name("cloudfront-4xx-rate"),
      alarmDescription:
        `More than ${viewer.thresholdPercent}% of viewer requests got a 4xx from CloudFront ${minutes(viewer)}. ` +
        "Check first: the WAF blocked-share alarm (blocks are 403s too), then both regions' alb-elb-4xx-rate alarms " +
        "(an origin-verify header the ALBs refuse), then CloudFront's access logs for which status and path, " +
        "then the app's own 4xx after its last release. No data means no requests, so it counts as OK.",
      ...requestShareEvaluation(viewer),
      metricQuery: [
        {
          id: "share",
          label: "Viewer 4xx (%)",
          // The rate is CloudFront's own; the request count only decides whether the minute is judged.
          expression: `IF(FILL(requests, 0) >= ${viewer.minimumRequestsPerMinute}, FILL(rate, 0), 0)`,
          returnData: true,
        },
        metricQuery("rate", distribution.metric("4xxErrorRate", "Average"), 60),
        metricQuery("requests", distribution.metric("Requests", "Sum"), 60),
      ],
    });

    this.wafBlocked = notifyingAlarm(this, "WafBlocked", topicArn, {
      alarmName: namer.name("waf-blocked-rate"),
      alarmDescription:
        `The web ACL blocked more than ${waf.thresholdPercent}% of the requests it judged ${minutes(waf)}. ` +
        "Either an attack (a flood the rate limit is catching) or a rule refusing the API's ordinary requests. " +
        "Check first: the web ACL's sampled requests and its log group (which rule, which paths and clients); " +
        "for a false positive, override that rule to count (README, The global edge). No data means no requests, so it counts as OK.",
      ...requestShareEvaluation(waf),
      metricQuery: requestShareQueries(
        { id: "blocked", metric: webAcl.metric("BlockedRequests", "Sum") },
        { id: "allowed", metric: webAcl.metric("AllowedRequests", "Sum") },
        waf.minimumRequestsPerMinute,
        "Requests the web ACL blocked (%)",
      ),
    });

    this.alarmArns = [this.viewer4xx.arn, this.wafBlocked.arn];
  }
}
