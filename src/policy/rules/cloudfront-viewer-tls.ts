import { block, isTrue, shown } from "../attributes";
import { behaviourName, cacheBehaviours } from "../cloudfront";
import { type PolicyRule, verdict } from "../rule";

/** CloudFront's viewer security policies that allow nothing older than TLS 1.2 with modern ciphers. */
const MODERN_VIEWER_POLICIES = new Set(["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"]);

/**
 * Viewers reach the API over TLS 1.2 or newer only, under the API's own name: a custom certificate
 * served by SNI with a modern security policy (the default `*.cloudfront.net` certificate pins
 * TLSv1), and every behaviour redirects or refuses plain HTTP.
 */
export const cloudFrontViewerTls: PolicyRule = {
  id: "TITAN-CF-2",
  title: "CloudFront serves viewers HTTPS only, TLS 1.2+ with the API's own certificate",
  severity: "high",
  mirrors: [
    { tool: "checkov", id: "CKV_AWS_34" },
    { tool: "checkov", id: "CKV_AWS_174" },
    { tool: "trivy", id: "AVD-AWS-0012" },
    { tool: "trivy", id: "AVD-AWS-0013" },
  ],
  resourceTypes: ["aws_cloudfront_distribution"],
  check({ attributes }) {
    const certificate = block(attributes, "viewer_certificate") ?? {};
    const policy = certificate.minimum_protocol_version;
    return verdict([
      (isTrue(certificate.cloudfront_default_certificate) || certificate.acm_certificate_arn === undefined) &&
        "viewer_certificate uses CloudFront's default certificate: give the us-east-1 ACM certificate of the API's name",
      certificate.ssl_support_method !== "sni-only" &&
        `viewer_certificate.ssl_support_method is ${shown(certificate.ssl_support_method)}: use "sni-only" (dedicated IPs cost USD 600 a month and add nothing)`,
      !MODERN_VIEWER_POLICIES.has(policy as string) &&
        `viewer_certificate.minimum_protocol_version is ${shown(policy)}: use "TLSv1.2_2021" or newer`,
      ...cacheBehaviours(attributes).map(
        (behaviour) =>
          !["redirect-to-https", "https-only"].includes(behaviour.viewer_protocol_policy as string) &&
          `${behaviourName(behaviour)} has viewer_protocol_policy ${shown(behaviour.viewer_protocol_policy)}: use "redirect-to-https"`,
      ),
    ]);
  },
};
