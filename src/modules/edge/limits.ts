/**
 * Limits and published constants of the edge services, kept free of provider imports so config
 * validation can use them without loading the provider bindings.
 */

/**
 * The regions Route 53 runs health checkers in: the values `CreateHealthCheck` accepts for
 * `Regions` (Route 53 API reference, HealthCheckConfig). At least three must be chosen.
 */
export const ROUTE53_HEALTH_CHECKER_REGIONS = [
  "us-east-1",
  "us-west-1",
  "us-west-2",
  "eu-west-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-northeast-1",
  "sa-east-1",
] as const;

export type HealthCheckerRegion = (typeof ROUTE53_HEALTH_CHECKER_REGIONS)[number];

/** Route 53 probes every 10 or every 30 seconds; no other interval exists. */
export const HEALTH_CHECK_INTERVALS_SECONDS = [10, 30] as const;

/** Consecutive results that flip a health check's status: Route 53 accepts 1 to 10. */
export const HEALTH_CHECK_FAILURE_THRESHOLD = { min: 1, max: 10 } as const;

/** `Regions` must name at least three checker regions when it is given. */
export const MIN_HEALTH_CHECKER_REGIONS = 3;

/**
 * The load balancer's idle timeout in seconds (ELB's default, which titan keeps). CloudFront's
 * origin keep-alive must stay below it, or CloudFront reuses a connection the ALB has just closed
 * and the viewer gets a 502.
 */
export const ALB_IDLE_TIMEOUT_SECONDS = 60;

/** CloudFront's price classes, cheapest (fewest edge locations) first. */
export const CLOUDFRONT_PRICE_CLASSES = ["PriceClass_100", "PriceClass_200", "PriceClass_All"] as const;

/** A distribution holds at most 25 cache behaviours; the default behaviour is one of them. */
export const MAX_CACHED_PATHS = 24;

/** WAF rate-based rules: the evaluation windows AWS accepts and the smallest limit. */
export const WAF_RATE_WINDOWS_SECONDS = [60, 120, 300, 600] as const;
export const WAF_MIN_RATE_LIMIT = 10;
export const WAF_MAX_RATE_LIMIT = 2_000_000_000;

/**
 * Headers CloudFront refuses as custom origin headers (CloudFront developer guide, "Custom
 * headers that CloudFront can't add to origin requests"), lowercased; `x-amz-` and `x-edge-`
 * prefixes are refused as well.
 */
export const CLOUDFRONT_RESERVED_ORIGIN_HEADERS = [
  "cache-control",
  "connection",
  "content-length",
  "cookie",
  "host",
  "if-match",
  "if-modified-since",
  "if-none-match",
  "if-range",
  "if-unmodified-since",
  "max-forwards",
  "pragma",
  "proxy-authorization",
  "proxy-connection",
  "range",
  "request-range",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "via",
  "x-real-ip",
] as const;

/** ALB listener rules match an HTTP header name of at most 40 characters. */
export const ALB_HEADER_NAME_MAX_LENGTH = 40;

/** The region CloudFront takes its certificate and web ACL from, and Route 53 publishes its metrics in. */
export const EDGE_REGION = "us-east-1";
