import { block, isSet } from "../attributes";
import { type PolicyRule, verdict } from "../rule";

/**
 * The distribution's access logs are the only record of who called the API at the edge (the ALBs
 * see CloudFront's addresses). Standard logging is configured on the distribution itself, so the
 * rule reads it there, as AWS Config's `cloudfront-accesslogs-enabled` does.
 */
export const cloudFrontAccessLogging: PolicyRule = {
  id: "TITAN-CF-3",
  title: "CloudFront distributions write standard access logs to an S3 bucket",
  severity: "medium",
  mirrors: [
    { tool: "checkov", id: "CKV_AWS_86" },
    { tool: "trivy", id: "AVD-AWS-0010" },
  ],
  resourceTypes: ["aws_cloudfront_distribution"],
  check({ attributes }) {
    const logging = block(attributes, "logging_config");
    return verdict([
      !isSet(logging?.bucket) &&
        "logging_config.bucket is unset: log to the edge's us-east-1 log bucket (its bucket_domain_name)",
    ]);
  },
};
