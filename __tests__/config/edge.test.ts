import { resolveConfig } from "../../src/config";
import { ROUTE53_HEALTH_CHECKER_REGIONS } from "../../src/modules/edge/limits";
import { problemsOf } from "../support/config-problems";

const edgeProblems = (edge: object) => problemsOf({ edge });

describe("the edge config section", () => {
  it("defaults to 10 s probes, 3 failures, 3 checker regions away from both app regions, and no Shield Advanced", () => {
    const { edge, regions } = resolveConfig();
    expect(edge.healthCheck).toEqual({
      requestIntervalSeconds: 10,
      failureThreshold: 3,
      regions: ["us-east-1", "us-west-2", "eu-west-1"],
    });
    expect(edge.healthCheck.regions).not.toContain(regions.primary.region);
    expect(edge.healthCheck.regions).not.toContain(regions.dr.region);
    expect(edge.shieldAdvanced).toBe(false);
    expect(edge.cloudFront.cachedPaths).toEqual(["/static/*"]);
    expect(edge.cloudFront.originKeepAliveSeconds).toBeLessThan(60);
    expect(edge.originVerify).toEqual({ headerName: "X-Origin-Verify", generation: 1 });
  });

  it("accepts every Route 53 checker region and both intervals", () => {
    expect(
      edgeProblems({ healthCheck: { regions: [...ROUTE53_HEALTH_CHECKER_REGIONS], requestIntervalSeconds: 30 } }),
    ).toEqual([]);
  });

  test.each([
    [
      "an interval Route 53 does not probe at",
      { healthCheck: { requestIntervalSeconds: 15 } },
      "edge.healthCheck.requestIntervalSeconds: must be 10 or 30",
    ],
    [
      "a failure threshold above 10",
      { healthCheck: { failureThreshold: 11 } },
      "edge.healthCheck.failureThreshold: must be a whole number from 1 to 10 (the thresholds Route 53 accepts)",
    ],
    [
      "a failure threshold of 0",
      { healthCheck: { failureThreshold: 0 } },
      "edge.healthCheck.failureThreshold: must be a whole number from 1 to 10 (the thresholds Route 53 accepts)",
    ],
    [
      "fewer than three checker regions",
      { healthCheck: { regions: ["us-east-1", "eu-west-1"] } },
      "edge.healthCheck.regions: Route 53 needs at least 3 health-checker regions",
    ],
    [
      "a region without Route 53 health checkers",
      { healthCheck: { regions: ["us-east-1", "us-east-2", "eu-west-1"] } },
      "edge.healthCheck.regions[1]: must be a Route 53 health-checker region",
    ],
    [
      "a checker region named twice",
      { healthCheck: { regions: ["us-east-1", "eu-west-1", "us-east-1"] } },
      'edge.healthCheck.regions: lists "us-east-1" more than once',
    ],
    [
      "a rate window WAF does not offer",
      { waf: { rateLimitWindowSeconds: 30 } },
      "edge.waf.rateLimitWindowSeconds: must be 60 or 120 or 300 or 600: the evaluation windows WAF offers",
    ],
    [
      "a rate limit below WAF's minimum",
      { waf: { rateLimitRequests: 5 } },
      "edge.waf.rateLimitRequests: must be a whole number from 10 to 2000000000 (WAF's limits for a rate-based rule)",
    ],
    [
      "an unknown price class",
      { cloudFront: { priceClass: "PriceClass_50" } },
      "edge.cloudFront.priceClass: Invalid option",
    ],
    [
      "a cached path that would swallow the API's writes",
      { cloudFront: { cachedPaths: ["/*"] } },
      'edge.cloudFront.cachedPaths[0]: "/*" matches every path',
    ],
    [
      "a cached path without a leading slash",
      { cloudFront: { cachedPaths: ["static/*"] } },
      "edge.cloudFront.cachedPaths[0]: must be a CloudFront path pattern starting with /",
    ],
    [
      "a cached path listed twice",
      { cloudFront: { cachedPaths: ["/static/*", "/static/*"] } },
      'edge.cloudFront.cachedPaths: lists "/static/*" more than once',
    ],
    [
      "more cached paths than a distribution holds behaviours",
      { cloudFront: { cachedPaths: Array.from({ length: 25 }, (_, n) => `/assets-${n}/*`) } },
      "edge.cloudFront.cachedPaths: a distribution holds at most 25 cache behaviours",
    ],
    [
      "a keep-alive at the ALB's idle timeout",
      { cloudFront: { originKeepAliveSeconds: 60 } },
      "edge.cloudFront.originKeepAliveSeconds: must be a whole number from 1 to 59 (below the ALB's idle timeout of 60 s",
    ],
    [
      "four connection attempts",
      { cloudFront: { originConnectionAttempts: 4 } },
      "edge.cloudFront.originConnectionAttempts: must be a whole number from 1 to 3 (CloudFront's limits)",
    ],
    [
      "a header CloudFront will not send",
      { originVerify: { headerName: "Host" } },
      'edge.originVerify.headerName: "Host" is a header CloudFront will not add',
    ],
    [
      "an X-Amz- header",
      { originVerify: { headerName: "X-Amz-Verify" } },
      'edge.originVerify.headerName: "X-Amz-Verify" is a header CloudFront will not add',
    ],
    [
      "a header name longer than an ALB rule matches",
      { originVerify: { headerName: `X-${"a".repeat(40)}` } },
      "edge.originVerify.headerName: must be an HTTP header name of letters, digits and hyphens, at most 40 characters",
    ],
    [
      "a header name with a space",
      { originVerify: { headerName: "X Origin" } },
      "edge.originVerify.headerName: must be an HTTP header name",
    ],
    [
      "a generation of 0",
      { originVerify: { generation: 0 } },
      "edge.originVerify.generation: must be a whole number of 1 or more",
    ],
    ["an unknown key", { cloudfront: {} }, 'edge.cloudfront: unknown key "cloudfront" (did you mean "cloudFront"?)'],
  ])("rejects %s", (_case, edge, expected) => {
    const problems = edgeProblems(edge);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });
});
