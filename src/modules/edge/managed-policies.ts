/**
 * CloudFront's managed cache and origin-request policies, by their published ids (CloudFront
 * developer guide, "Use managed cache policies" and "Use managed origin request policies"): the
 * ids are the same in every account, so no lookup (and no plan-time call) is needed.
 */
export const MANAGED_CACHE_POLICY = {
  /** TTL 0, nothing in the cache key: every request reaches the origin. For the API. */
  cachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
  /** Query strings and cookies out of the key, gzip and brotli on, TTL from the origin (default 1 day). */
  cachingOptimized: "658327ea-f89d-4fab-a63d-7e88639e58f6",
} as const;

export const MANAGED_ORIGIN_REQUEST_POLICY = {
  /**
   * Every viewer header, cookie and query string except `Host`: the origin sees the request as the
   * viewer sent it, and CloudFront sends the origin's own name as `Host`, which the ALB's
   * certificate and SNI match.
   */
  allViewerExceptHostHeader: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
} as const;
