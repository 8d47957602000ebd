import { TerraformOutput, Testing } from "cdktf";
import {
  ALL_METHODS,
  EdgeDistribution,
  type EdgeDistributionProps,
  FAILOVER_STATUS_CODES,
  READ_ONLY_METHODS,
} from "../../../src/modules/edge/distribution";
import { Namer } from "../../../src/naming";
import { DISTRIBUTION_ORIGINS, one, synthScope } from "./synth";

const PROPS: EdgeDistributionProps = {
  namer: new Namer("titan", "global"),
  apiHostname: "api.example.com",
  certificateArn: "arn:aws:acm:us-east-1:111122223333:certificate/api",
  webAclArn: "arn:aws:wafv2:us-east-1:111122223333:global/webacl/titan-global-edge/x",
  priceClass: "PriceClass_100",
  logBucketDomainName: "titan-global-cloudfront-logs.s3.amazonaws.com",
  logBucketReady: [],
  ...DISTRIBUTION_ORIGINS,
  originVerifyHeaderName: "X-Origin-Verify",
  originVerifyValue: "${local.origin_verify}",
  cachedPaths: ["/static/*"],
  responseHeadersPolicyId: "headers-policy",
};

const synth = (props: Partial<EdgeDistributionProps> = {}) =>
  one(
    synthScope((scope) => {
      new EdgeDistribution(scope, "Distribution", { ...PROPS, ...props });
    }),
    "aws_cloudfront_distribution",
  );

describe("EdgeDistribution", () => {
  const distribution = synth();

  it("sends writes to the failover name and reads of cached paths through the origin group", () => {
    expect(distribution.default_cache_behavior).toMatchObject({
      target_origin_id: "failover",
      allowed_methods: ALL_METHODS,
      response_headers_policy_id: "headers-policy",
    });
    expect(distribution.ordered_cache_behavior).toEqual([
      expect.objectContaining({
        path_pattern: "/static/*",
        target_origin_id: "read-only-failover",
        allowed_methods: READ_ONLY_METHODS,
        response_headers_policy_id: "headers-policy",
        compress: true,
      }),
    ]);
    expect(distribution.origin_group).toEqual([
      {
        origin_id: "read-only-failover",
        failover_criteria: { status_codes: FAILOVER_STATUS_CODES },
        member: [{ origin_id: "primary" }, { origin_id: "dr" }],
      },
    ]);
  });

  it("gives every origin the header, HTTPS only with TLS 1.2, and its own timeouts", () => {
    const origins = distribution.origin as Record<string, unknown>[];
    expect(
      origins.map((origin) => [
        origin.origin_id,
        origin.domain_name,
        origin.connection_attempts,
        origin.connection_timeout,
      ]),
    ).toEqual([
      ["failover", "origin.api.example.com", 3, 5],
      ["primary", "primary.origin.api.example.com", 1, 2],
      ["dr", "dr.origin.api.example.com", 1, 2],
    ]);
    for (const origin of origins) {
      expect(origin.custom_header).toEqual([{ name: "X-Origin-Verify", value: "${local.origin_verify}" }]);
      expect(origin.custom_origin_config).toMatchObject({
        origin_protocol_policy: "https-only",
        origin_ssl_protocols: ["TLSv1.2"],
        origin_keepalive_timeout: 30,
        origin_read_timeout: origin.origin_id === "failover" ? 30 : 10,
      });
    }
  });

  it("serves its alias with the certificate, TLS 1.2+, HTTP/2 and 3, IPv6, the WAF and standard logging", () => {
    expect(distribution).toMatchObject({
      aliases: ["api.example.com"],
      web_acl_id: PROPS.webAclArn,
      http_version: "http2and3",
      is_ipv6_enabled: true,
      price_class: "PriceClass_100",
      viewer_certificate: {
        acm_certificate_arn: PROPS.certificateArn,
        ssl_support_method: "sni-only",
        minimum_protocol_version: "TLSv1.2_2021",
      },
      logging_config: { bucket: PROPS.logBucketDomainName, prefix: "cloudfront/", include_cookies: false },
      restrictions: { geo_restriction: { restriction_type: "none" } },
    });
  });

  it("builds no cached behaviour, origin group or group member when nothing is cached", () => {
    const uncached = synth({ cachedPaths: [] });
    expect(uncached.ordered_cache_behavior).toBeUndefined();
    expect(uncached.origin_group).toBeUndefined();
    expect((uncached.origin as { origin_id: string }[]).map((origin) => origin.origin_id)).toEqual(["failover"]);
  });

  test.each<[string, Partial<EdgeDistributionProps>, RegExp]>([
    [
      "a keep-alive at the ALB's idle timeout",
      { originKeepAliveSeconds: 60 },
      /originKeepAliveSeconds: must be a whole number from 1 to 59 \(below the ALB's idle timeout of 6.*got 60/,
    ],
    [
      "a response timeout of 0",
      { originResponseTimeoutSeconds: 0 },
      /originResponseTimeoutSeconds: must be a whole number from 1 to 60 \(CloudFront's limit without a quot.*got 0/,
    ],
    [
      "an 11 s connection timeout",
      { originConnectionTimeoutSeconds: 11 },
      /originConnectionTimeoutSeconds: must be a whole number from 1 to 10 \(CloudFront's limits\).*got 11/,
    ],
    [
      "four attempts",
      { originConnectionAttempts: 4 },
      /originConnectionAttempts: must be a whole number from 1 to 3 \(CloudFront's limits\).*got 4/,
    ],
    [
      "a catch-all cached path",
      { cachedPaths: ["/*"] },
      /cachedPaths\[0\]: "\/\*" matches every path: the cached behaviour allows GET and HEAD only/,
    ],
    [
      "the same name for two origins",
      { drOriginName: "primary.origin.api.example.com" },
      /drOriginName: must differ from the failover and primary origin names.*got \["origin\.api\.example\.com","primary\.origi/,
    ],
  ])("rejects %s", (_case, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});

describe("EdgeDistribution.metric", () => {
  it("reads the distribution's metrics by its id and Region=Global, as CloudFront publishes them in us-east-1", () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        const distribution = new EdgeDistribution(scope, "Distribution", PROPS);
        new TerraformOutput(scope, "Metric", { value: distribution.metric("4xxErrorRate", "Average") });
      }),
    ) as { output: Record<string, { value: unknown }> };
    expect(Object.values(json.output)[0].value).toEqual({
      namespace: "AWS/CloudFront",
      metricName: "4xxErrorRate",
      dimensions: {
        DistributionId: expect.stringMatching(/^\$\{aws_cloudfront_distribution\.\w+\.id\}$/),
        Region: "Global",
      },
      stat: "Average",
    });
  });
});
