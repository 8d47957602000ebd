import {
  CloudfrontDistribution,
  type CloudfrontDistributionOrigin,
} from "@cdktf/provider-aws/lib/cloudfront-distribution";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { PropChecks } from "../../validation/prop-checks";
import type { Metric } from "../observability/metric";
import {
  CACHED_PATH,
  type CLOUDFRONT_PRICE_CLASSES,
  cachedPathProblem,
  MAX_CACHED_PATHS,
  ORIGIN_CONNECTION_ATTEMPTS,
  ORIGIN_CONNECTION_TIMEOUT_SECONDS,
  ORIGIN_KEEPALIVE_SECONDS,
  ORIGIN_RESPONSE_TIMEOUT_SECONDS,
} from "./limits";
import { MANAGED_CACHE_POLICY, MANAGED_ORIGIN_REQUEST_POLICY } from "./managed-policies";

/** Every method: the API's writes go through the default behaviour. */
export const ALL_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];
/** The methods a behaviour served by an origin group may allow (CloudFront refuses others). */
export const READ_ONLY_METHODS = ["GET", "HEAD", "OPTIONS"];
/** Status codes from primary that send a cached path's request on to DR. */
export const FAILOVER_STATUS_CODES = [500, 502, 503, 504];

/** Origin ids inside the distribution. */
const ORIGIN = { failover: "failover", primary: "primary", dr: "dr", readOnlyGroup: "read-only-failover" } as const;

export interface EdgeDistributionProps {
  readonly namer: Namer;
  /** The API's public name (`domain.apiHostname`), the distribution's only alias. */
  readonly apiHostname: string;
  /** The validated us-east-1 certificate for `apiHostname`. */
  readonly certificateArn: string;
  /** The CLOUDFRONT-scope web ACL's ARN. */
  readonly webAclArn: string;
  readonly priceClass: (typeof CLOUDFRONT_PRICE_CLASSES)[number];
  /** Standard logging destination, `<bucket>.s3.amazonaws.com` (`CloudFrontLogBucket.domainName`). */
  readonly logBucketDomainName: string;
  /**
   * What makes the log bucket accept CloudFront's ACL grant (`CloudFrontLogBucket.aclsReady`): the
   * distribution waits for it, or a distribution created while the bucket still has ACLs disabled
   * is refused.
   */
  readonly logBucketReady: readonly ITerraformDependable[];
  /** `origin.<apiHostname>`: Route 53's failover name, the default behaviour's origin. */
  readonly failoverOriginName: string;
  /** `primary.origin.<apiHostname>` and `dr.origin.<apiHostname>`: the cached paths' origin group. */
  readonly primaryOriginName: string;
  readonly drOriginName: string;
  /** The origin-verify header CloudFront adds to every origin request. */
  readonly originVerifyHeaderName: string;
  /** Its value, a token from the us-east-1 copy of the secret. */
  readonly originVerifyValue: string;
  /** Read-only path patterns cached at the edge and served through the origin group. */
  readonly cachedPaths: readonly string[];
  /** Below the ALB's idle timeout. */
  readonly originKeepAliveSeconds: number;
  readonly originResponseTimeoutSeconds: number;
  readonly originConnectionTimeoutSeconds: number;
  readonly originConnectionAttempts: number;
  readonly failoverConnectionTimeoutSeconds: number;
  readonly failoverResponseTimeoutSeconds: number;
  /** The response headers policy every behaviour uses. */
  readonly responseHeadersPolicyId: string;
}

/**
 * The CloudFront distribution in front of both regions.
 *
 * Two paths to the origins, because CloudFront origin groups fail over only GET, HEAD and OPTIONS
 * and refuse a behaviour allowing other methods:
 *
 * - the default behaviour (every method, no caching, the viewer's headers except `Host`) sends each
 *   request to `origin.<apiHostname>`, which Route 53 resolves to primary's ALB while its health
 *   check passes and to DR's otherwise: writes fail over through DNS;
 * - each cached path (read-only) goes to an origin group, primary's own name first with one short
 *   connection attempt, then DR's on a connection failure, a timeout or a 5xx: reads fail over
 *   within the request, before DNS has moved.
 *
 * Every origin is HTTPS only with TLS 1.2, gets the origin-verify header (a viewer sending the same
 * header is overridden by CloudFront), and keeps idle connections open for less than the ALB's
 * idle timeout. Viewers get TLS 1.2+ (`TLSv1.2_2021`), HTTP redirected to HTTPS, HTTP/2 and 3, IPv6.
 */
export class EdgeDistribution extends Construct {
  readonly distribution: CloudfrontDistribution;

  constructor(scope: Construct, id: string, props: EdgeDistributionProps) {
    super(scope, id);
    validate(this, props);
    const customHeader = [{ name: props.originVerifyHeaderName, value: props.originVerifyValue }];
    const origin = (
      originId: string,
      domainName: string,
      timeouts: { connect: number; attempts: number; response: number },
    ): CloudfrontDistributionOrigin => ({
      originId,
      domainName,
      connectionAttempts: timeouts.attempts,
      connectionTimeout: timeouts.connect,
      customHeader,
      customOriginConfig: {
        httpPort: 80,
        httpsPort: 443,
        originProtocolPolicy: "https-only",
        originSslProtocols: ["TLSv1.2"],
        originKeepaliveTimeout: props.originKeepAliveSeconds,
        originReadTimeout: timeouts.response,
      },
    });
    const api = {
      connect: props.originConnectionTimeoutSeconds,
      attempts: props.originConnectionAttempts,
      response: props.originResponseTimeoutSeconds,
    };
    // One quick attempt at primary: its failure costs the viewer one connection timeout, not three.
    const readOnly = {
      connect: props.failoverConnectionTimeoutSeconds,
      attempts: 1,
      response: props.failoverResponseTimeoutSeconds,
    };
    const name = props.namer.name("api");
    // Without a cached path nothing uses the origin group: leave it and its members out.
    const cached = props.cachedPaths.length > 0;

    this.distribution = new CloudfrontDistribution(this, "Resource", {
      comment: `${name}: ${props.apiHostname} in front of primary and DR`,
      enabled: true,
      aliases: [props.apiHostname],
      isIpv6Enabled: true,
      httpVersion: "http2and3",
      priceClass: props.priceClass,
      webAclId: props.webAclArn,
      origin: [
        origin(ORIGIN.failover, props.failoverOriginName, api),
        ...(cached
          ? [origin(ORIGIN.primary, props.primaryOriginName, readOnly), origin(ORIGIN.dr, props.drOriginName, readOnly)]
          : []),
      ],
      originGroup: cached
        ? [
            {
              originId: ORIGIN.readOnlyGroup,
              failoverCriteria: { statusCodes: [...FAILOVER_STATUS_CODES] },
              member: [{ originId: ORIGIN.primary }, { originId: ORIGIN.dr }],
            },
          ]
        : undefined,
      defaultCacheBehavior: {
        targetOriginId: ORIGIN.failover,
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: [...ALL_METHODS],
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: MANAGED_CACHE_POLICY.cachingDisabled,
        originRequestPolicyId: MANAGED_ORIGIN_REQUEST_POLICY.allViewerExceptHostHeader,
        responseHeadersPolicyId: props.responseHeadersPolicyId,
        // CachingDisabled leaves Accept-Encoding out of the key, so CloudFront would not compress anyway.
        compress: false,
      },
      orderedCacheBehavior: cached
        ? props.cachedPaths.map((pathPattern) => ({
            pathPattern,
            targetOriginId: ORIGIN.readOnlyGroup,
            viewerProtocolPolicy: "redirect-to-https",
            allowedMethods: [...READ_ONLY_METHODS],
            cachedMethods: ["GET", "HEAD"],
            cachePolicyId: MANAGED_CACHE_POLICY.cachingOptimized,
            responseHeadersPolicyId: props.responseHeadersPolicyId,
            compress: true,
          }))
        : undefined,
      viewerCertificate: {
        acmCertificateArn: props.certificateArn,
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: "TLSv1.2_2021",
      },
      loggingConfig: { bucket: props.logBucketDomainName, prefix: "cloudfront/", includeCookies: false },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      tags: { Name: name },
      dependsOn: [...props.logBucketReady],
    });
  }

  get distributionId(): string {
    return this.distribution.id;
  }

  get domainName(): string {
    return this.distribution.domainName;
  }

  /** Route 53's zone for aliases of CloudFront distributions. */
  get hostedZoneId(): string {
    return this.distribution.hostedZoneId;
  }

  get arn(): string {
    return this.distribution.arn;
  }

  /**
   * A metric of the distribution (AWS/CloudFront, by `DistributionId` and `Region=Global`), such as
   * `Requests` or `4xxErrorRate`. CloudFront publishes them in us-east-1 only, so only a stack whose
   * provider is there (global) can alarm on them.
   */
  metric(metricName: string, stat: string): Metric {
    return cloudFrontMetric(this.distributionId, metricName, stat);
  }
}

/** The metrics `EdgeDistribution.metric` gives, for a distribution known by its id. */
export function cloudFrontMetric(distributionId: string, metricName: string, stat: string): Metric {
  return {
    namespace: "AWS/CloudFront",
    metricName,
    dimensions: { DistributionId: distributionId, Region: "Global" },
    stat,
  };
}

function validate(scope: Construct, props: EdgeDistributionProps): void {
  const checks = new PropChecks(scope)
    .wholeNumber("originKeepAliveSeconds", props.originKeepAliveSeconds, ORIGIN_KEEPALIVE_SECONDS)
    .wholeNumber("originResponseTimeoutSeconds", props.originResponseTimeoutSeconds, ORIGIN_RESPONSE_TIMEOUT_SECONDS)
    .wholeNumber(
      "originConnectionTimeoutSeconds",
      props.originConnectionTimeoutSeconds,
      ORIGIN_CONNECTION_TIMEOUT_SECONDS,
    )
    .wholeNumber("originConnectionAttempts", props.originConnectionAttempts, ORIGIN_CONNECTION_ATTEMPTS)
    .wholeNumber(
      "failoverConnectionTimeoutSeconds",
      props.failoverConnectionTimeoutSeconds,
      ORIGIN_CONNECTION_TIMEOUT_SECONDS,
    )
    .wholeNumber(
      "failoverResponseTimeoutSeconds",
      props.failoverResponseTimeoutSeconds,
      ORIGIN_RESPONSE_TIMEOUT_SECONDS,
    )
    .require(
      props.cachedPaths.length <= MAX_CACHED_PATHS,
      "cachedPaths",
      `holds ${props.cachedPaths.length} patterns; a distribution takes at most ${MAX_CACHED_PATHS}`,
    );
  props.cachedPaths.forEach((pattern, index) => {
    checks
      .matches(`cachedPaths[${index}]`, pattern, CACHED_PATH)
      .satisfies(`cachedPaths[${index}]`, pattern, cachedPathProblem);
  });
  const names = [props.failoverOriginName, props.primaryOriginName, props.drOriginName];
  checks
    .require(
      new Set(names).size === names.length,
      "drOriginName",
      `must differ from the failover and primary origin names, got ${JSON.stringify(names)}`,
    )
    .throwIfAny();
}
