import { z } from "zod";
import {
  CACHED_PATH,
  CLOUDFRONT_PRICE_CLASSES,
  cachedPathProblem,
  HEADER_NAME,
  HEALTH_CHECK_FAILURE_THRESHOLD,
  HEALTH_CHECK_INTERVALS_SECONDS,
  MAX_CACHED_PATHS,
  MIN_HEALTH_CHECKER_REGIONS,
  ORIGIN_CONNECTION_ATTEMPTS,
  ORIGIN_CONNECTION_TIMEOUT_SECONDS,
  ORIGIN_KEEPALIVE_SECONDS,
  ORIGIN_RESPONSE_TIMEOUT_SECONDS,
  originHeaderNameProblem,
  ROUTE53_HEALTH_CHECKER_REGIONS,
  WAF_RATE_LIMIT,
  WAF_RATE_WINDOWS_SECONDS,
} from "../../modules/edge/limits";
import { GENERATION } from "../../validation/limits";
import { matching, refineWith, type Unit, wholeNumber } from "./common";

/** The global edge: Route 53 health checks and failover, WAF, Shield, CloudFront, origin verification. */

/** One of a few numbers AWS offers, counting `unit`. */
function oneOfNumbers(values: readonly number[], unit: Unit, why: string) {
  return z
    .union(
      values.map((value) => z.literal(value)),
      { error: `must be ${values.join(" or ")}: ${why}` },
    )
    .meta({ unit });
}

/** No entry twice. */
function distinct<T>(list: readonly T[], ctx: z.core.$RefinementCtx<readonly T[]>): void {
  const repeated = list.filter((item, n) => list.indexOf(item) !== n);
  if (repeated.length > 0) {
    ctx.addIssue({ code: "custom", message: `lists "${repeated[0]}" more than once; name each once` });
  }
}

const healthCheckSchema = z.strictObject({
  requestIntervalSeconds: oneOfNumbers(
    HEALTH_CHECK_INTERVALS_SECONDS,
    "seconds",
    "the only intervals Route 53 probes at",
  ).describe(
    "Seconds between one checker's probes: 10 (fast, billed extra) or 30; fixed once created (a change replaces the health check)",
  ),
  failureThreshold: wholeNumber(HEALTH_CHECK_FAILURE_THRESHOLD, "probes").describe(
    "Consecutive failed (or passed) probes before a checker changes its view of the origin",
  ),
  regions: z
    .array(
      z.enum(ROUTE53_HEALTH_CHECKER_REGIONS, {
        error: `must be a Route 53 health-checker region: ${ROUTE53_HEALTH_CHECKER_REGIONS.join(", ")}`,
      }),
    )
    .min(MIN_HEALTH_CHECKER_REGIONS, {
      message: `Route 53 needs at least ${MIN_HEALTH_CHECKER_REGIONS} health-checker regions`,
    })
    .superRefine(distinct)
    .describe(
      "Regions whose Route 53 checkers probe each origin (at least 3); away from both app regions, so one regional outage cannot blind them",
    ),
});

const wafSchema = z.strictObject({
  rateLimitRequests: wholeNumber(WAF_RATE_LIMIT, "requests").describe(
    "Requests one client IP may send in the rate window before WAF blocks it",
  ),
  rateLimitWindowSeconds: oneOfNumbers(
    WAF_RATE_WINDOWS_SECONDS,
    "seconds",
    "the evaluation windows WAF offers",
  ).describe("Seconds over which WAF counts each IP's requests for the rate limit"),
  anonymousIpList: z
    .boolean()
    .describe("Add the AWS anonymous-IP rule group (VPNs, Tor, hosting providers); blocks some legitimate users"),
});

const cloudFrontSchema = z
  .strictObject({
    priceClass: z
      .enum(CLOUDFRONT_PRICE_CLASSES)
      .describe("Edge locations CloudFront serves from: PriceClass_100 (North America, Europe) is the cheapest"),
    cachedPaths: z
      .array(matching(CACHED_PATH).superRefine(refineWith(cachedPathProblem)))
      .max(MAX_CACHED_PATHS, {
        message: `a distribution holds at most ${MAX_CACHED_PATHS + 1} cache behaviours, the default one included`,
      })
      .superRefine(distinct)
      .describe(
        "Read-only path patterns (GET/HEAD) cached at the edge and served through the primary -> DR origin group",
      ),
    originKeepAliveSeconds: wholeNumber(ORIGIN_KEEPALIVE_SECONDS, "seconds").describe(
      "Seconds CloudFront keeps an idle connection to an origin open; below the ALB's 60 s idle timeout",
    ),
    originResponseTimeoutSeconds: wholeNumber(ORIGIN_RESPONSE_TIMEOUT_SECONDS, "seconds").describe(
      "Seconds CloudFront waits for the API's response (and between its packets) before a 504",
    ),
    originConnectionTimeoutSeconds: wholeNumber(ORIGIN_CONNECTION_TIMEOUT_SECONDS, "seconds").describe(
      "Seconds CloudFront waits to connect to the failover origin before the next attempt",
    ),
    originConnectionAttempts: wholeNumber(ORIGIN_CONNECTION_ATTEMPTS, "attempts").describe(
      "Connection attempts to the failover origin before CloudFront answers 504",
    ),
    failoverConnectionTimeoutSeconds: wholeNumber(ORIGIN_CONNECTION_TIMEOUT_SECONDS, "seconds").describe(
      "Seconds CloudFront waits, once, to connect to primary's origin on a cached path before trying DR's",
    ),
    failoverResponseTimeoutSeconds: wholeNumber(ORIGIN_RESPONSE_TIMEOUT_SECONDS, "seconds").describe(
      "Seconds CloudFront waits for primary's response on a cached path before trying DR's",
    ),
  })
  .describe("The distribution in front of both regions");

const originVerifySchema = z.strictObject({
  headerName: matching(HEADER_NAME)
    .superRefine(refineWith(originHeaderNameProblem))
    .describe("Header CloudFront adds to every origin request and the ALBs require"),
  generation: wholeNumber(GENERATION, "generation").describe(
    "Generation of the shared origin-verify value: bump by one to rotate, then apply primary, dr and global in that order",
  ),
});

export const edgeSchema = z
  .strictObject({
    healthCheck: healthCheckSchema.describe("Route 53 health checks of each region's origin"),
    waf: wafSchema.describe("The CloudFront web ACL"),
    shieldAdvanced: z
      .boolean()
      .describe("Subscribe to Shield Advanced and protect the distribution: USD 3,000 a month, one-year commitment"),
    cloudFront: cloudFrontSchema,
    originVerify: originVerifySchema.describe("The secret header that proves a request came through CloudFront"),
  })
  .describe("The global edge: failover, CloudFront, WAF and how the ALBs recognise CloudFront");
