import { cloudFrontOriginTls } from "../../../src/policy/rules/cloudfront-origin-tls";
import { DISTRIBUTION, ORIGIN_CONFIG } from "./cloudfront-fixtures";
import { type Case, expectVerdict } from "./fixtures";

const withOrigin = (config: object) => ({
  ...DISTRIBUTION,
  origin: [
    ...DISTRIBUTION.origin.slice(1),
    {
      origin_id: "failover",
      domain_name: "origin.api.example.com",
      custom_origin_config: { ...ORIGIN_CONFIG, ...config },
    },
  ],
});

describe("TITAN-CF-4: custom origins are reached over HTTPS with TLS 1.2 only", () => {
  test.each<Case>([
    ["the edge's distribution (as synthesized)", DISTRIBUTION, "compliant"],
    [
      "an S3 origin has no custom origin config",
      {
        ...DISTRIBUTION,
        origin: [{ origin_id: "assets", domain_name: "b.s3.amazonaws.com", origin_access_control_id: "x" }],
      },
      "compliant",
    ],
    [
      "plain HTTP to the origin",
      withOrigin({ origin_protocol_policy: "http-only" }),
      /origin "failover" has origin_protocol_policy "http-only": use "https-only"/,
    ],
    ["the viewer's protocol to the origin", withOrigin({ origin_protocol_policy: "match-viewer" }), /"match-viewer"/],
    [
      "TLS 1.0 and 1.1 allowed",
      withOrigin({ origin_ssl_protocols: ["TLSv1", "TLSv1.1", "TLSv1.2"] }),
      /origin "failover" allows origin_ssl_protocols \["TLSv1","TLSv1\.1","TLSv1\.2"\]: allow \["TLSv1\.2"\] only/,
    ],
    ["no protocol listed", withOrigin({ origin_ssl_protocols: [] }), /allows origin_ssl_protocols \[\]/],
  ])("%s", (_name, attributes, expected) => expectVerdict(cloudFrontOriginTls, attributes, expected));
});
