import { z } from "zod";
import {
  ALB_HEADER_NAME_MAX_LENGTH,
  ALB_IDLE_TIMEOUT_SECONDS,
  CLOUDFRONT_PRICE_CLASSES,
  CLOUDFRONT_RESERVED_ORIGIN_HEADERS,
  HEALTH_CHECK_FAILURE_THRESHOLD,
  HEALTH_CHECK_INTERVALS_SECONDS,
  MAX_CACHED_PATHS,
  MIN_HEALTH_CHECKER_REGIONS,
  ROUTE53_HEALTH_CHECKER_REGIONS,
  WAF_MAX_RATE_LIMIT,
  WAF_MIN_RATE_LIMIT,
  WAF_RATE_WINDOWS_SECONDS,
} from "../../modules/edge/limits";

/** The global edge: Route 53 health checks and failover, WAF, Shield, CloudFront, origin verification. */

const healthCheckSchema = z.strictObject({
  requestIntervalSeconds: z
    .union(
      HEALTH_CHECK_INTERVALS_SECONDS.map((seconds) => z.literal(seconds)),
      {
        error: `must be ${HEALTH_CHECK_INTERVALS_SECONDS.join(" or ")}: the only intervals Route 53 probes at`,
      },
    )
    .describe(
      "Seconds between one checker's probes: 10 (fast, billed extra) or 30; fixed once created (a change replaces the health check)",
    ),
  failureThreshold: z
    .int()
    .min(HEALTH_CHECK_FAILURE_THRESHOLD.min, { message: "must be 1 to 10, the thresholds Route 53 accepts" })
    .max(HEALTH_CHECK_FAILURE_THRESHOLD.max, { message: "must be 1 to 10, the thresholds Route 53 accepts" })
    .describe("Consecutive failed (or passed) probes, 1-10, before a checker changes its view of the origin"),
  regions: z
    .array(
      z.enum(ROUTE53_HEALTH_CHECKER_REGIONS, {
        error: `must be a Route 53 health-checker region: ${ROUTE53_HEALTH_CHECKER_REGIONS.join(", ")}`,
      }),
    )
    .min(MIN_HEALTH_CHECKER_REGIONS, {
      message: `Route 53 needs at least ${MIN_HEALTH_CHECKER_REGIONS} health-checker regions`,
    })
    .superRefine((regions, ctx) => {
      const repeated = regions.filter((region, n) => regions.indexOf(region) !== n);
      if (repeated.length > 0) {
        ctx.addIssue({ code: "custom", message: `lists "${repeated[0]}" more than once; name each region once` });
      }
    })
    .describe(
      "Regions whose Route 53 checkers probe each origin (at least 3); away from both app regions, so one regional outage cannot blind them",
    ),
});

const wafSchema = z.strictObject({
  rateLimitRequests: z
    .int()
    .min(WAF_MIN_RATE_LIMIT)
    .max(WAF_MAX_RATE_LIMIT)
    .describe("Requests one client IP may send in the rate window before WAF blocks it (requests per window)"),
  rateLimitWindowSeconds: z
    .union(
      WAF_RATE_WINDOWS_SECONDS.map((seconds) => z.literal(seconds)),
      {
        error: `must be one of ${WAF_RATE_WINDOWS_SECONDS.join(", ")}: the evaluation windows WAF offers`,
      },
    )
    .describe("Seconds over which WAF counts each IP's requests for the rate limit"),
  anonymousIpList: z
    .boolean()
    .describe("Add the AWS anonymous-IP rule group (VPNs, Tor, hosting providers); blocks some legitimate users"),
});

const cachedPath = z
  .string()
  .regex(/^\/[A-Za-z0-9_\-.*$/~"'@:+&]{0,254}$/, {
    message: "must be a CloudFront path pattern starting with / such as /static/*",
  })
  .refine((pattern) => !/^\/\*+$/.test(pattern), {
    message:
      "matches every path: the cached behaviour allows GET and HEAD only, so CloudFront would refuse every write; name a static prefix such as /static/*",
  });

const cloudFrontSchema = z
  .strictObject({
    priceClass: z
      .enum(CLOUDFRONT_PRICE_CLASSES)
      .describe("Edge locations CloudFront serves from: PriceClass_100 (North America, Europe) is the cheapest"),
    cachedPaths: z
      .array(cachedPath)
      .max(MAX_CACHED_PATHS, {
        message: `a distribution holds at most ${MAX_CACHED_PATHS + 1} cache behaviours, the default one included`,
      })
      .superRefine((paths, ctx) => {
        const repeated = paths.filter((path, n) => paths.indexOf(path) !== n);
        if (repeated.length > 0) {
          ctx.addIssue({ code: "custom", message: `lists "${repeated[0]}" more than once` });
        }
      })
      .describe(
        "Read-only path patterns (GET/HEAD) cached at the edge and served through the primary -> DR origin group",
      ),
    originKeepAliveSeconds: z
      .int()
      .min(1)
      .max(ALB_IDLE_TIMEOUT_SECONDS - 1, {
        message: `must stay below the ALB's idle timeout of ${ALB_IDLE_TIMEOUT_SECONDS} s, or CloudFront reuses connections the ALB has closed (502s)`,
      })
      .describe("Seconds CloudFront keeps an idle connection to an origin open; below the ALB's 60 s idle timeout"),
    originResponseTimeoutSeconds: z
      .int()
      .min(1)
      .max(60)
      .describe("Seconds CloudFront waits for the API's response (and between its packets) before a 504"),
    originConnectionTimeoutSeconds: z
      .int()
      .min(1)
      .max(10)
      .describe("Seconds CloudFront waits to connect to the failover origin before the next attempt"),
    originConnectionAttempts: z
      .int()
      .min(1)
      .max(3)
      .describe("Connection attempts to the failover origin before CloudFront answers 504"),
    failoverConnectionTimeoutSeconds: z
      .int()
      .min(1)
      .max(10)
      .describe("Seconds CloudFront waits, once, to connect to primary's origin on a cached path before trying DR's"),
    failoverResponseTimeoutSeconds: z
      .int()
      .min(1)
      .max(60)
      .describe("Seconds CloudFront waits for primary's response on a cached path before trying DR's"),
  })
  .describe("The distribution in front of both regions");

const headerName = z
  .string()
  .regex(/^[A-Za-z0-9-]+$/, { message: "must be an HTTP header name: letters, digits and hyphens" })
  .max(ALB_HEADER_NAME_MAX_LENGTH, {
    message: `must be at most ${ALB_HEADER_NAME_MAX_LENGTH} characters, the longest header name an ALB rule matches`,
  })
  .superRefine((name, ctx) => {
    const lower = name.toLowerCase();
    if ((CLOUDFRONT_RESERVED_ORIGIN_HEADERS as readonly string[]).includes(lower) || /^x-(amz|edge)-/.test(lower)) {
      ctx.addIssue({
        code: "custom",
        message: `"${name}" is a header CloudFront will not add to origin requests; choose a name of your own such as X-Origin-Verify`,
      });
    }
  });

const originVerifySchema = z.strictObject({
  headerName: headerName.describe("Header CloudFront adds to every origin request and the ALBs require"),
  generation: z
    .int()
    .min(1, { message: "must be a whole number of 1 or more; bump it by one to rotate" })
    .describe(
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
