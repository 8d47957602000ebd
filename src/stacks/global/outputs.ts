import { TerraformOutput } from "cdktf";
import type { GlobalStack } from "../global-stack";

/** The global stack's outputs, by fixed name: operators and runbooks read them. */
export const GLOBAL_OUTPUTS = {
  distributionId: "distribution_id",
  distributionDomainName: "distribution_domain_name",
  primaryHealthCheckId: "primary_health_check_id",
  drHealthCheckId: "dr_health_check_id",
  failoverName: "failover_name",
  webAclArn: "web_acl_arn",
  alarmTopicArn: "alarm_topic_arn",
  certificateArn: "certificate_arn",
  accessLogBucket: "access_log_bucket",
} as const;

/** Ids are fixed: an output's id is its name in the state. */
export function addGlobalOutputs(stack: GlobalStack): void {
  const { failover, edge } = stack;
  const output = (id: string, value: string, description: string) =>
    new TerraformOutput(stack, id, { value, description });
  output(GLOBAL_OUTPUTS.distributionId, edge.distribution.distributionId, "CloudFront distribution id (invalidations)");
  output(
    GLOBAL_OUTPUTS.distributionDomainName,
    edge.distribution.domainName,
    "CloudFront domain name the API's A and AAAA records alias",
  );
  output(
    GLOBAL_OUTPUTS.primaryHealthCheckId,
    failover.healthChecks.primary.healthCheckId,
    "Route 53 health check of primary's origin",
  );
  output(
    GLOBAL_OUTPUTS.drHealthCheckId,
    failover.healthChecks.dr.healthCheckId,
    "Route 53 health check of DR's origin",
  );
  output(
    GLOBAL_OUTPUTS.failoverName,
    failover.records.name,
    "The failover name CloudFront sends writes to: primary's origin while healthy, else DR's",
  );
  output(GLOBAL_OUTPUTS.webAclArn, edge.webAcl.arn, "The CLOUDFRONT web ACL");
  output(GLOBAL_OUTPUTS.alarmTopicArn, stack.alarmTopic.topicArn, "us-east-1 SNS topic of the health-check alarms");
  output(
    GLOBAL_OUTPUTS.certificateArn,
    edge.certificate.certificateArn,
    "us-east-1 viewer certificate of the API's name",
  );
  output(GLOBAL_OUTPUTS.accessLogBucket, edge.logBucket.bucket.bucket, "CloudFront standard access logs (us-east-1)");
}
