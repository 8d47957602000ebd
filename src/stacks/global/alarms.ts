import type { Construct } from "constructs";
import { EdgeAlarms } from "../../modules/observability/edge-alarms";
import { buildFromConfig } from "../from-config";
import type { GlobalContext } from "./context";
import type { GlobalEdge } from "./edge";

/**
 * The edge's alarms on refused viewers (CloudFront's 4xx share, the web ACL's blocked share), to
 * the us-east-1 topic: CloudFront and a CLOUDFRONT-scope web ACL publish their metrics there only.
 */
export function buildEdgeAlarms(scope: Construct, ctx: GlobalContext, edge: GlobalEdge): EdgeAlarms {
  const { cloudFront, waf } = ctx.config.observability.refusedRequests;
  const path = "observability.refusedRequests";
  return buildFromConfig(
    EdgeAlarms,
    scope,
    "EdgeAlarms",
    {
      namer: ctx.namer,
      topicArn: ctx.alarmTopic.topicArn,
      distribution: edge.distribution,
      webAcl: edge.webAcl,
      viewer4xxThresholdPercent: cloudFront.thresholdPercent,
      viewer4xxMinimumRequestsPerMinute: cloudFront.minimumRequestsPerMinute,
      viewer4xxEvaluationMinutes: cloudFront.evaluationMinutes,
      wafBlockedThresholdPercent: waf.thresholdPercent,
      wafBlockedMinimumRequestsPerMinute: waf.minimumRequestsPerMinute,
      wafBlockedEvaluationMinutes: waf.evaluationMinutes,
    },
    {
      viewer4xxThresholdPercent: `${path}.cloudFront.thresholdPercent`,
      viewer4xxMinimumRequestsPerMinute: `${path}.cloudFront.minimumRequestsPerMinute`,
      viewer4xxEvaluationMinutes: `${path}.cloudFront.evaluationMinutes`,
      wafBlockedThresholdPercent: `${path}.waf.thresholdPercent`,
      wafBlockedMinimumRequestsPerMinute: `${path}.waf.minimumRequestsPerMinute`,
      wafBlockedEvaluationMinutes: `${path}.waf.evaluationMinutes`,
    },
  );
}
