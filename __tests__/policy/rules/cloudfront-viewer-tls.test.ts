import { cloudFrontViewerTls } from "../../../src/policy/rules/cloudfront-viewer-tls";
import { CACHED_BEHAVIOUR, DISTRIBUTION } from "./cloudfront-fixtures";
import { type Case, expectVerdict } from "./fixtures";

const certificate = (extra: object) => ({
  ...DISTRIBUTION,
  viewer_certificate: { ...DISTRIBUTION.viewer_certificate, ...extra },
});

describe("TITAN-CF-2: viewers get HTTPS only, TLS 1.2+, the API's own certificate", () => {
  test.each<Case>([
    ["the edge's distribution (as synthesized)", DISTRIBUTION, "compliant"],
    ["the TLS 1.3 policy", certificate({ minimum_protocol_version: "TLSv1.3_2025" }), "compliant"],
    [
      "https-only viewers",
      {
        ...DISTRIBUTION,
        default_cache_behavior: { ...DISTRIBUTION.default_cache_behavior, viewer_protocol_policy: "https-only" },
      },
      "compliant",
    ],
    [
      "CloudFront's default certificate",
      { ...DISTRIBUTION, viewer_certificate: { cloudfront_default_certificate: true } },
      /uses CloudFront's default certificate/,
    ],
    [
      "TLS 1.1 allowed",
      certificate({ minimum_protocol_version: "TLSv1.1_2016" }),
      /minimum_protocol_version is "TLSv1\.1_2016": use "TLSv1\.2_2021" or newer/,
    ],
    ["an older TLS 1.2 policy", certificate({ minimum_protocol_version: "TLSv1.2_2019" }), /"TLSv1\.2_2019"/],
    ["a dedicated IP", certificate({ ssl_support_method: "vip" }), /ssl_support_method is "vip": use "sni-only"/],
    [
      "a cached path open to plain HTTP",
      { ...DISTRIBUTION, ordered_cache_behavior: [{ ...CACHED_BEHAVIOUR, viewer_protocol_policy: "allow-all" }] },
      /behaviour \/static\/\* has viewer_protocol_policy "allow-all": use "redirect-to-https"/,
    ],
    [
      "the default behaviour open to plain HTTP",
      {
        ...DISTRIBUTION,
        default_cache_behavior: { ...DISTRIBUTION.default_cache_behavior, viewer_protocol_policy: "allow-all" },
      },
      /the default behaviour has viewer_protocol_policy "allow-all"/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(cloudFrontViewerTls, attributes, expected));
});
