import { block, blocks, shown } from "../attributes";
import { type PolicyRule, verdict } from "../rule";

/** Protocols CloudFront may speak to an origin without a known weakness. */
const MODERN_ORIGIN_PROTOCOLS = new Set(["TLSv1.2"]);

/**
 * CloudFront re-encrypts every request to a custom origin: HTTPS only, TLS 1.2 only. The
 * origin-verify header travels in these requests, so a plain-HTTP hop would expose it.
 */
export const cloudFrontOriginTls: PolicyRule = {
  id: "TITAN-CF-4",
  title: "CloudFront reaches custom origins over HTTPS only, with TLS 1.2",
  severity: "high",
  mirrors: [
    { tool: "prowler", id: "cloudfront_distributions_origin_traffic_encrypted" },
    { tool: "prowler", id: "cloudfront_distributions_using_deprecated_ssl_protocols" },
  ],
  resourceTypes: ["aws_cloudfront_distribution"],
  check({ attributes }) {
    return verdict(
      blocks(attributes, "origin").flatMap((origin) => {
        const config = block(origin, "custom_origin_config");
        if (config === undefined) {
          return [];
        }
        const protocols = Array.isArray(config.origin_ssl_protocols) ? config.origin_ssl_protocols : [];
        const name = `origin ${shown(origin.origin_id)}`;
        return [
          config.origin_protocol_policy !== "https-only" &&
            `${name} has origin_protocol_policy ${shown(config.origin_protocol_policy)}: use "https-only"`,
          (protocols.length === 0 || protocols.some((protocol) => !MODERN_ORIGIN_PROTOCOLS.has(protocol as string))) &&
            `${name} allows origin_ssl_protocols ${shown(config.origin_ssl_protocols)}: allow ["TLSv1.2"] only`,
        ];
      }),
    );
  },
};
