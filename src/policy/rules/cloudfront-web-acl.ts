import { isSet } from "../attributes";
import { type PolicyRule, verdict } from "../rule";

/**
 * A distribution without a web ACL passes every request to the origins: no managed rules, no rate
 * limit. The ACL must be a CLOUDFRONT-scope one, which CloudFront itself checks.
 */
export const cloudFrontWebAcl: PolicyRule = {
  id: "TITAN-CF-1",
  title: "CloudFront distributions are fronted by a WAF web ACL",
  severity: "high",
  mirrors: [
    { tool: "checkov", id: "CKV_AWS_68" },
    { tool: "trivy", id: "AVD-AWS-0011" },
  ],
  resourceTypes: ["aws_cloudfront_distribution"],
  check({ attributes }) {
    return verdict([
      !isSet(attributes.web_acl_id) &&
        "web_acl_id is unset: attach the edge's CLOUDFRONT web ACL (its ARN, from us-east-1)",
    ]);
  },
};
