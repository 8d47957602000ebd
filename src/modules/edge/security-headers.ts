import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import { Construct } from "constructs";
import type { Namer } from "../../naming";

/** Two years: the HSTS max-age browsers' preload lists ask for. */
const HSTS_MAX_AGE_SECONDS = 63_072_000;

export interface SecurityHeadersPolicyProps {
  readonly namer: Namer;
}

/**
 * The security headers CloudFront adds to every response of the API, overriding whatever the app
 * sends, so a framework default or a missed header in one handler cannot weaken them.
 *
 * The API serves JSON, not pages: its CSP allows nothing to load and no one to frame it, HSTS pins
 * HTTPS for two years on the API's name and below (not preloaded: preload lists take whole
 * registrable domains, whose owner decides), and the legacy XSS auditor is switched off
 * (`X-XSS-Protection: 0`), as current browser guidance recommends.
 */
export class SecurityHeadersPolicy extends Construct {
  readonly policy: CloudfrontResponseHeadersPolicy;
  readonly policyId: string;

  constructor(scope: Construct, id: string, props: SecurityHeadersPolicyProps) {
    super(scope, id);
    this.policy = new CloudfrontResponseHeadersPolicy(this, "Resource", {
      name: props.namer.name("api-security-headers"),
      comment: "HSTS, no sniffing, no framing, no referrer, a deny-all CSP for the JSON API",
      securityHeadersConfig: {
        strictTransportSecurity: {
          accessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS,
          includeSubdomains: true,
          preload: false,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: "DENY", override: true },
        referrerPolicy: { referrerPolicy: "no-referrer", override: true },
        contentSecurityPolicy: { contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'", override: true },
        xssProtection: { protection: false, override: true },
      },
    });
    this.policyId = this.policy.id;
  }
}
