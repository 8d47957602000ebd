/** A distribution as titan's global stack renders it, for the CloudFront rules' tables. */
export const ORIGIN_CONFIG = {
  http_port: 80,
  https_port: 443,
  origin_protocol_policy: "https-only",
  origin_ssl_protocols: ["TLSv1.2"],
  origin_keepalive_timeout: 30,
  origin_read_timeout: 30,
};

export const DEFAULT_BEHAVIOUR = {
  target_origin_id: "failover",
  viewer_protocol_policy: "redirect-to-https",
  allowed_methods: ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"],
  cached_methods: ["GET", "HEAD"],
  cache_policy_id: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
  response_headers_policy_id: "${aws_cloudfront_response_headers_policy.SecurityHeaders.id}",
};

export const CACHED_BEHAVIOUR = {
  ...DEFAULT_BEHAVIOUR,
  path_pattern: "/static/*",
  target_origin_id: "read-only-failover",
  allowed_methods: ["GET", "HEAD", "OPTIONS"],
  cache_policy_id: "658327ea-f89d-4fab-a63d-7e88639e58f6",
};

export const DISTRIBUTION = {
  enabled: true,
  aliases: ["api.example.com"],
  web_acl_id: "${aws_wafv2_web_acl.WebAcl.arn}",
  origin: [
    { origin_id: "failover", domain_name: "origin.api.example.com", custom_origin_config: ORIGIN_CONFIG },
    { origin_id: "primary", domain_name: "primary.origin.api.example.com", custom_origin_config: ORIGIN_CONFIG },
    { origin_id: "dr", domain_name: "dr.origin.api.example.com", custom_origin_config: ORIGIN_CONFIG },
  ],
  origin_group: [
    {
      origin_id: "read-only-failover",
      failover_criteria: { status_codes: [500, 502, 503, 504] },
      member: [{ origin_id: "primary" }, { origin_id: "dr" }],
    },
  ],
  default_cache_behavior: DEFAULT_BEHAVIOUR,
  ordered_cache_behavior: [CACHED_BEHAVIOUR],
  viewer_certificate: {
    acm_certificate_arn: "${aws_acm_certificate_validation.Certificate.certificate_arn}",
    ssl_support_method: "sni-only",
    minimum_protocol_version: "TLSv1.2_2021",
  },
  logging_config: { bucket: "${aws_s3_bucket.AccessLogs.bucket_domain_name}", prefix: "cloudfront/" },
};
