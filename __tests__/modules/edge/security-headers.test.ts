import { SecurityHeadersPolicy } from "../../../src/modules/edge/security-headers";
import { Namer } from "../../../src/naming";
import { one, synthScope } from "./synth";

describe("SecurityHeadersPolicy", () => {
  it("overrides the app with HSTS for two years, no sniffing or framing, no referrer, a deny-all CSP", () => {
    const policy = one(
      synthScope((scope) => {
        new SecurityHeadersPolicy(scope, "SecurityHeaders", { namer: new Namer("titan", "global") });
      }),
      "aws_cloudfront_response_headers_policy",
    );
    expect(policy).toMatchObject({
      name: "titan-global-api-security-headers",
      security_headers_config: {
        strict_transport_security: {
          access_control_max_age_sec: 63072000,
          include_subdomains: true,
          preload: false,
          override: true,
        },
        content_type_options: { override: true },
        frame_options: { frame_option: "DENY", override: true },
        referrer_policy: { referrer_policy: "no-referrer", override: true },
        content_security_policy: {
          content_security_policy: "default-src 'none'; frame-ancestors 'none'",
          override: true,
        },
        xss_protection: { protection: false, override: true },
      },
    });
  });
});
