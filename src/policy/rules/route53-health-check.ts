import { shown } from "../attributes";
import { notApplicable, type PolicyRule, verdict } from "../rule";

/** Health checks that probe an endpoint (the others combine checks or read alarms). */
const ENDPOINT_TYPES = new Set(["HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH", "TCP"]);

/**
 * Origin health checks probe the way viewers arrive, over HTTPS with SNI (without it the ALB's
 * handshake fails and the check reports a TLS error, not the app's health), from at least three
 * checker regions, so one region's network trouble cannot fail an origin over.
 */
export const route53HealthCheck: PolicyRule = {
  id: "TITAN-R53-2",
  title: "Route 53 endpoint health checks use HTTPS with SNI from at least three checker regions",
  severity: "medium",
  mirrors: {
    none: "checkov, trivy and prowler do not judge a Route 53 health check's protocol, SNI or checker regions",
  },
  resourceTypes: ["aws_route53_health_check"],
  check({ attributes }) {
    const type = attributes.type;
    if (!ENDPOINT_TYPES.has(type as string)) {
      return notApplicable(`a ${String(type)} health check probes no endpoint`);
    }
    const regions = attributes.regions;
    return verdict([
      !String(type).startsWith("HTTPS") && `type is ${shown(type)}: probe over HTTPS, as viewers reach the origin`,
      String(type).startsWith("HTTPS") &&
        attributes.enable_sni !== true &&
        `enable_sni is ${shown(attributes.enable_sni)}: set it to true, or the ALB's TLS handshake fails`,
      // Unset means every checker region, which is more than three.
      Array.isArray(regions) &&
        new Set(regions).size < 3 &&
        `regions is ${shown(regions)}: name at least three Route 53 checker regions`,
    ]);
  },
};
