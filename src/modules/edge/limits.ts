/**
 * Limits and published constants of the edge services, kept free of provider imports so config
 * validation can use them without loading the provider bindings.
 */
import { intRange, textPattern } from "../../validation/limits";

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

/** Consecutive results that flip a health check's status. */
export const HEALTH_CHECK_FAILURE_THRESHOLD = intRange(1, 10, "the thresholds Route 53 accepts");

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

/** WAF rate-based rules: the evaluation windows AWS accepts and the limits a rule takes. */
export const WAF_RATE_WINDOWS_SECONDS = [60, 120, 300, 600] as const;
export const WAF_RATE_LIMIT = intRange(10, 2_000_000_000, "WAF's limits for a rate-based rule");

/** Seconds CloudFront keeps an idle origin connection: below the ALB's idle timeout. */
export const ORIGIN_KEEPALIVE_SECONDS = intRange(
  1,
  ALB_IDLE_TIMEOUT_SECONDS - 1,
  `below the ALB's idle timeout of ${ALB_IDLE_TIMEOUT_SECONDS} s, or CloudFront reuses connections the ALB has closed (502s)`,
);

/** Seconds CloudFront waits for an origin's response: CloudFront's default quota. */
export const ORIGIN_RESPONSE_TIMEOUT_SECONDS = intRange(1, 60, "CloudFront's limit without a quota increase");

/** Seconds CloudFront waits to connect to an origin. */
export const ORIGIN_CONNECTION_TIMEOUT_SECONDS = intRange(1, 10, "CloudFront's limits");

/** Connection attempts CloudFront makes to an origin. */
export const ORIGIN_CONNECTION_ATTEMPTS = intRange(1, 3, "CloudFront's limits");

/** A path pattern of a cache behaviour. */
export const CACHED_PATH = textPattern(
  /^\/[A-Za-z0-9_\-.*$/~"'@:+&]{0,254}$/,
  "a CloudFront path pattern starting with / such as /static/*",
);

/**
 * Why `pattern` cannot be a cached (read-only) path, or undefined: one matching every path would
 * send writes to a behaviour that allows GET and HEAD only, and CloudFront would refuse them all.
 */
export function cachedPathProblem(pattern: string): string | undefined {
  return /^\/\*+$/.test(pattern)
    ? `"${pattern}" matches every path: the cached behaviour allows GET and HEAD only, so CloudFront would refuse every write; name a static prefix such as /static/*`
    : undefined;
}

/** Why `name` cannot carry the origin-verify value, or undefined when it can. */
export function originHeaderNameProblem(name: string): string | undefined {
  const lower = name.toLowerCase();
  return (CLOUDFRONT_RESERVED_ORIGIN_HEADERS as readonly string[]).includes(lower) || /^x-(amz|edge)-/.test(lower)
    ? `"${name}" is a header CloudFront will not add to origin requests; choose a name of your own such as X-Origin-Verify`
    : undefined;
}

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

export const HEADER_NAME = textPattern(
  new RegExp(`^[A-Za-z0-9-]{1,${ALB_HEADER_NAME_MAX_LENGTH}}$`),
  `an HTTP header name of letters, digits and hyphens, at most ${ALB_HEADER_NAME_MAX_LENGTH} characters (the longest an ALB rule matches)`,
);

/** The region CloudFront takes its certificate and web ACL from, and Route 53 publishes its metrics in. */
export const EDGE_REGION = "us-east-1";
