import { isSet } from "../attributes";
import { behaviourName, cacheBehaviours } from "../cloudfront";
import { type PolicyRule, verdict } from "../rule";

/**
 * HSTS and the other security headers are added at the edge, on every behaviour, so no path of the
 * API answers without them whatever the app sends.
 */
export const cloudFrontResponseHeaders: PolicyRule = {
  id: "TITAN-CF-5",
  title: "Every CloudFront cache behaviour adds the security response headers (a response headers policy)",
  severity: "low",
  mirrors: [{ tool: "checkov", id: "CKV2_AWS_32" }],
  resourceTypes: ["aws_cloudfront_distribution"],
  check({ attributes }) {
    return verdict(
      cacheBehaviours(attributes).map(
        (behaviour) =>
          !isSet(behaviour.response_headers_policy_id) &&
          `${behaviourName(behaviour)} has no response_headers_policy_id: attach the edge's security headers policy`,
      ),
    );
  },
};
