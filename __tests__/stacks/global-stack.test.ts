import { MANAGED_CACHE_POLICY, MANAGED_ORIGIN_REQUEST_POLICY } from "../../src/modules/edge/managed-policies";
import { buildApp, resourcesOf, type SynthesizedStack, synthJson, testConfig } from "../support/synth";

type Resource = Record<string, unknown>;

function only(json: SynthesizedStack, type: string): Resource {
  const values = Object.values(resourcesOf(json, type));
  expect(values).toHaveLength(1);
  return values[0];
}

/** `${aws_x.Name.attr}` -> `Name`, the logical id a reference points at. */
function referencedId(reference: unknown): string {
  const match = /^\$\{[a-z0-9_]+\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(String(reference));
  if (!match) {
    throw new Error(`not a plain reference: ${String(reference)}`);
  }
  return match[1];
}

interface Behaviour {
  readonly allowed_methods: string[];
  readonly target_origin_id: string;
  readonly viewer_protocol_policy: string;
  readonly response_headers_policy_id: string;
  readonly cache_policy_id: string;
  readonly origin_request_policy_id?: string;
  readonly path_pattern?: string;
}

interface Origin {
  readonly origin_id: string;
  readonly domain_name: string;
  readonly connection_attempts: number;
  readonly connection_timeout: number;
  readonly custom_header: { name: string; value: string }[];
  readonly custom_origin_config: Record<string, unknown>;
}

describe("GlobalStack", () => {
  const stacks = buildApp(testConfig({ observability: { alarmEmails: ["oncall@example.com"] } }));
  const global = synthJson(stacks.global);
  const distribution = only(global, "aws_cloudfront_distribution");
  const origins = distribution.origin as Origin[];
  const behaviours = [
    distribution.default_cache_behavior as Behaviour,
    ...(distribution.ordered_cache_behavior as Behaviour[]),
  ];

  it("reaches nothing in us-east-2: one us-east-1 provider, no remote state, no us-east-2 name anywhere", () => {
    expect((global.provider?.aws ?? []).map((provider) => provider.region)).toEqual(["us-east-1"]);
    expect(global.data ?? {}).not.toHaveProperty("terraform_remote_state");
    expect(JSON.stringify(global)).not.toContain("us-east-2");
    // Every resource and data source uses the one provider: nothing names another.
    for (const block of [global.resource ?? {}, global.data ?? {}]) {
      for (const byName of Object.values(block)) {
        for (const item of Object.values(byName)) {
          expect(item).not.toHaveProperty("provider");
        }
      }
    }
  });

  it("keeps its state in the DR region's bucket and deploys after both regions", () => {
    expect(global.terraform.backend?.s3).toMatchObject({ region: "us-west-1", key: "titan/global/terraform.tfstate" });
    expect(stacks.global.dependencies.map((stack) => stack.node.id).sort()).toEqual(["dr", "primary"]);
  });

  it("health-checks each region's own origin over HTTPS with SNI, on the health path, from 3+ checker regions", () => {
    const checks = Object.values(resourcesOf(global, "aws_route53_health_check"));
    expect(checks.map((check) => check.fqdn).sort()).toEqual([
      "dr.origin.api.example.com",
      "primary.origin.api.example.com",
    ]);
    for (const check of checks) {
      expect(check).toMatchObject({
        type: "HTTPS",
        port: 443,
        resource_path: "/health",
        enable_sni: true,
        request_interval: 10,
        failure_threshold: 3,
        measure_latency: true,
        regions: ["us-east-1", "us-west-2", "eu-west-1"],
      });
      expect((check.regions as string[]).length).toBeGreaterThanOrEqual(3);
    }
  });

  it("takes the checks' interval, threshold and regions from config", () => {
    const edge = {
      healthCheck: {
        requestIntervalSeconds: 30,
        failureThreshold: 5,
        regions: ["sa-east-1", "eu-west-1", "ap-northeast-1"],
      },
    };
    const json = synthJson(buildApp(testConfig({ edge })).global);
    for (const check of Object.values(resourcesOf(json, "aws_route53_health_check"))) {
      expect(check).toMatchObject({
        request_interval: 30,
        failure_threshold: 5,
        regions: ["sa-east-1", "eu-west-1", "ap-northeast-1"],
      });
    }
  });

  it("fails origin.<apiHostname> over from primary's own origin to DR's, each record gated by its own health check", () => {
    const checkIds = Object.fromEntries(
      Object.entries(resourcesOf(global, "aws_route53_health_check")).map(([id, check]) => [
        String(check.fqdn).split(".")[0],
        id,
      ]),
    );
    const failover = Object.values(resourcesOf(global, "aws_route53_record")).filter(
      (record) => record.name === "origin.api.example.com",
    );
    expect(failover).toHaveLength(2);
    const byRole = Object.fromEntries(
      failover.map((record) => [(record.failover_routing_policy as { type: string }).type, record]),
    );
    for (const [role, target] of [
      ["PRIMARY", "primary"],
      ["SECONDARY", "dr"],
    ]) {
      expect(byRole[role]).toMatchObject({
        zone_id: "Z0123456789EXAMPLE0",
        type: "A",
        set_identifier: target,
        alias: {
          name: `${target}.origin.api.example.com`,
          zone_id: "Z0123456789EXAMPLE0",
          evaluate_target_health: true,
        },
      });
      expect(referencedId(byRole[role].health_check_id)).toBe(checkIds[target]);
    }
  });

  it("alarms on each health check's status in us-east-1, to an encrypted topic there with the configured emails", () => {
    const all = Object.values(resourcesOf(global, "aws_cloudwatch_metric_alarm"));
    expect(all.map((alarm) => alarm.alarm_name).sort()).toEqual([
      "titan-global-cloudfront-4xx-rate",
      "titan-global-dr-origin-unhealthy",
      "titan-global-primary-origin-unhealthy",
      "titan-global-waf-blocked-rate",
    ]);
    // The refused-request alarms have a spec of their own (refused-requests-alarms.test.ts).
    const alarms = all.filter((alarm) => String(alarm.alarm_name).endsWith("-origin-unhealthy"));
    const topic = only(global, "aws_sns_topic");
    expect(topic).toMatchObject({
      name: "titan-global-alarms",
      kms_master_key_id: expect.stringMatching(/aws_kms_key\./),
    });
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        namespace: "AWS/Route53",
        metric_name: "HealthCheckStatus",
        statistic: "Minimum",
        comparison_operator: "LessThanThreshold",
        threshold: 1,
        treat_missing_data: "breaching",
        dimensions: { HealthCheckId: expect.stringMatching(/^\$\{aws_route53_health_check\.\w+\.id\}$/) },
        alarm_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.\w+\.arn\}$/)],
        ok_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.\w+\.arn\}$/)],
      });
    }
    expect(only(global, "aws_sns_topic_subscription")).toMatchObject({
      protocol: "email",
      endpoint: "oncall@example.com",
    });
    expect(only(global, "aws_kms_key")).toMatchObject({ enable_key_rotation: true });
  });

  it("issues the viewer certificate for apiHostname in us-east-1, validated by a record it owns", () => {
    expect(only(global, "aws_acm_certificate")).toMatchObject({
      domain_name: "api.example.com",
      validation_method: "DNS",
    });
    const validation = Object.values(resourcesOf(global, "aws_route53_record")).filter((record) =>
      String(record.name).includes("resource_record_name"),
    );
    expect(validation).toHaveLength(1);
    expect(validation[0]).not.toHaveProperty("allow_overwrite");
    expect(
      referencedId(
        distribution.viewer_certificate && (distribution.viewer_certificate as Resource).acm_certificate_arn,
      ),
    ).toMatch(/Certificate_Validation/);
  });

  it("puts a CLOUDFRONT web ACL with the managed rule groups and a rate limit in front, logging to aws-waf-logs-", () => {
    const acl = only(global, "aws_wafv2_web_acl");
    expect(acl).toMatchObject({ scope: "CLOUDFRONT", default_action: { allow: {} } });
    const rules = acl.rule as { name: string; priority: number; statement: Record<string, unknown> }[];
    expect(rules.map((rule) => rule.name)).toEqual([
      "AWSManagedRulesAmazonIpReputationList",
      "rate-limit-per-ip",
      "AWSManagedRulesCommonRuleSet",
      "AWSManagedRulesKnownBadInputsRuleSet",
    ]);
    expect(rules[1].statement).toEqual({
      rate_based_statement: { limit: 2000, evaluation_window_sec: 300, aggregate_key_type: "IP" },
    });
    expect(referencedId(distribution.web_acl_id)).toBe(Object.keys(resourcesOf(global, "aws_wafv2_web_acl"))[0]);
    const logs = Object.values(resourcesOf(global, "aws_cloudwatch_log_group"));
    expect(logs).toEqual([
      expect.objectContaining({
        name: "aws-waf-logs-titan-global-edge",
        retention_in_days: 90,
        kms_key_id: expect.stringMatching(/aws_kms_key\./),
      }),
    ]);
    expect(only(global, "aws_wafv2_web_acl_logging_configuration")).toMatchObject({
      log_destination_configs: [expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.\w+\.arn\}$/)],
    });
  });

  it("adds the anonymous-IP rule group and the configured rate limit only when asked", () => {
    const edge = { waf: { anonymousIpList: true, rateLimitRequests: 500, rateLimitWindowSeconds: 60 } };
    const acl = only(synthJson(buildApp(testConfig({ edge })).global), "aws_wafv2_web_acl");
    const rules = acl.rule as { name: string; statement: Record<string, unknown> }[];
    expect(rules.map((rule) => rule.name)).toContain("AWSManagedRulesAnonymousIpList");
    expect(rules.find((rule) => rule.name === "rate-limit-per-ip")?.statement).toEqual({
      rate_based_statement: { limit: 500, evaluation_window_sec: 60, aggregate_key_type: "IP" },
    });
  });

  it("serves apiHostname with the certificate over TLS 1.2+, HTTP redirected, IPv6, the configured price class", () => {
    expect(distribution).toMatchObject({
      enabled: true,
      aliases: ["api.example.com"],
      is_ipv6_enabled: true,
      price_class: "PriceClass_100",
      viewer_certificate: { ssl_support_method: "sni-only", minimum_protocol_version: "TLSv1.2_2021" },
    });
    for (const behaviour of behaviours) {
      expect(behaviour.viewer_protocol_policy).toBe("redirect-to-https");
    }
  });

  it("logs every request to its us-east-1 log bucket, which has ACLs on because CloudFront needs them", () => {
    const bucket = Object.entries(resourcesOf(global, "aws_s3_bucket"));
    expect(bucket).toHaveLength(1);
    expect(bucket[0][1]).toMatchObject({ bucket: "titan-global-cloudfront-logs" });
    expect(distribution.logging_config).toEqual({
      bucket: `\${aws_s3_bucket.${bucket[0][0]}.bucket_domain_name}`,
      prefix: "cloudfront/",
      include_cookies: false,
    });
    expect(only(global, "aws_s3_bucket_ownership_controls")).toMatchObject({
      rule: { object_ownership: "BucketOwnerPreferred" },
    });
    expect(only(global, "aws_s3_bucket_public_access_block")).toMatchObject({ block_public_acls: true });
  });

  it("creates the distribution only once the log bucket accepts ACLs: the domain name alone does not order it", () => {
    // A new bucket starts with ACLs disabled; CloudFront refuses standard logging into it until the
    // ownership controls (and the public access block deciding which ACLs stand) are applied.
    const [ownership] = Object.keys(resourcesOf(global, "aws_s3_bucket_ownership_controls"));
    const [publicAccess] = Object.keys(resourcesOf(global, "aws_s3_bucket_public_access_block"));
    expect(distribution.depends_on).toEqual(
      expect.arrayContaining([
        `aws_s3_bucket_ownership_controls.${ownership}`,
        `aws_s3_bucket_public_access_block.${publicAccess}`,
      ]),
    );
  });

  it("adds HSTS and the other security headers to every behaviour, overriding the app", () => {
    const policy = only(global, "aws_cloudfront_response_headers_policy");
    expect(policy).toMatchObject({
      security_headers_config: {
        strict_transport_security: { access_control_max_age_sec: 63072000, include_subdomains: true, override: true },
        content_type_options: { override: true },
        frame_options: { frame_option: "DENY", override: true },
      },
    });
    const policyId = Object.keys(resourcesOf(global, "aws_cloudfront_response_headers_policy"))[0];
    for (const behaviour of behaviours) {
      expect(referencedId(behaviour.response_headers_policy_id)).toBe(policyId);
    }
  });

  it("sends every method by default to the failover name, uncached, with the viewer's headers but Host", () => {
    expect(behaviours[0]).toMatchObject({
      target_origin_id: "failover",
      allowed_methods: ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"],
      cache_policy_id: MANAGED_CACHE_POLICY.cachingDisabled,
      origin_request_policy_id: MANAGED_ORIGIN_REQUEST_POLICY.allViewerExceptHostHeader,
    });
    expect(origins.find((origin) => origin.origin_id === "failover")?.domain_name).toBe("origin.api.example.com");
  });

  it("serves the cached read-only paths through a primary -> DR origin group failing over on 5xx", () => {
    expect(distribution.origin_group).toEqual([
      {
        origin_id: "read-only-failover",
        failover_criteria: { status_codes: [500, 502, 503, 504] },
        member: [{ origin_id: "primary" }, { origin_id: "dr" }],
      },
    ]);
    expect(behaviours.slice(1)).toEqual([
      expect.objectContaining({
        path_pattern: "/static/*",
        target_origin_id: "read-only-failover",
        allowed_methods: ["GET", "HEAD", "OPTIONS"],
        cache_policy_id: MANAGED_CACHE_POLICY.cachingOptimized,
      }),
    ]);
    for (const [id, name] of [
      ["primary", "primary.origin.api.example.com"],
      ["dr", "dr.origin.api.example.com"],
    ]) {
      expect(origins.find((origin) => origin.origin_id === id)).toMatchObject({
        domain_name: name,
        connection_attempts: 1,
        connection_timeout: 2,
      });
    }
  });

  it("never puts the origin group on a behaviour that allows writes", () => {
    const groups = new Set((distribution.origin_group as { origin_id: string }[]).map((group) => group.origin_id));
    for (const behaviour of behaviours.filter((candidate) => groups.has(candidate.target_origin_id))) {
      expect(behaviour.allowed_methods.every((method) => ["GET", "HEAD", "OPTIONS"].includes(method))).toBe(true);
    }
  });

  it("caches every configured path the same way", () => {
    const edge = { cloudFront: { cachedPaths: ["/static/*", "/assets/*.js"], priceClass: "PriceClass_All" } };
    const json = synthJson(buildApp(testConfig({ edge })).global);
    const cloudFront = only(json, "aws_cloudfront_distribution");
    expect(cloudFront.price_class).toBe("PriceClass_All");
    expect((cloudFront.ordered_cache_behavior as Behaviour[]).map((behaviour) => behaviour.path_pattern)).toEqual([
      "/static/*",
      "/assets/*.js",
    ]);
  });

  it("reaches every origin over HTTPS with TLS 1.2 only, keeping connections below the ALB's idle timeout", () => {
    expect(origins).toHaveLength(3);
    for (const origin of origins) {
      expect(origin.custom_origin_config).toMatchObject({
        origin_protocol_policy: "https-only",
        origin_ssl_protocols: ["TLSv1.2"],
        origin_keepalive_timeout: 30,
      });
      expect(origin.custom_origin_config.origin_keepalive_timeout as number).toBeLessThan(60);
    }
    expect(origins.find((origin) => origin.origin_id === "failover")).toMatchObject({
      connection_attempts: 3,
      connection_timeout: 5,
      custom_origin_config: expect.objectContaining({ origin_read_timeout: 30 }),
    });
  });

  it("sends the origin-verify header to every origin, from the us-east-1 copy of the secret, never a literal", () => {
    const secret = only({ ...global, resource: global.data } as SynthesizedStack, "aws_secretsmanager_secret_version");
    expect(secret).toEqual({ secret_id: "titan-primary-origin-verify" });
    const secretId = Object.keys(global.data?.aws_secretsmanager_secret_version ?? {})[0];
    for (const origin of origins) {
      expect(origin.custom_header).toEqual([
        {
          name: "X-Origin-Verify",
          value: `\${jsondecode(data.aws_secretsmanager_secret_version.${secretId}.secret_string).current}`,
        },
      ]);
    }
  });

  it("aliases apiHostname to the distribution for IPv4 and IPv6", () => {
    const viewer = Object.values(resourcesOf(global, "aws_route53_record")).filter(
      (record) => record.name === "api.example.com",
    );
    expect(viewer.map((record) => record.type).sort()).toEqual(["A", "AAAA"]);
    for (const record of viewer) {
      expect(record.alias).toEqual({
        name: expect.stringMatching(/^\$\{aws_cloudfront_distribution\.\w+\.domain_name\}$/),
        zone_id: expect.stringMatching(/^\$\{aws_cloudfront_distribution\.\w+\.hosted_zone_id\}$/),
        evaluate_target_health: false,
      });
    }
  });

  it("subscribes to Shield Advanced and protects the distribution only behind the explicit switch", () => {
    expect(resourcesOf(global, "aws_shield_subscription")).toEqual({});
    expect(resourcesOf(global, "aws_shield_protection")).toEqual({});
    const shielded = synthJson(buildApp(testConfig({ edge: { shieldAdvanced: true } })).global);
    expect(only(shielded, "aws_shield_subscription")).toMatchObject({ auto_renew: "ENABLED", skip_destroy: false });
    expect(only(shielded, "aws_shield_protection")).toMatchObject({
      resource_arn: expect.stringMatching(/^\$\{aws_cloudfront_distribution\.\w+\.arn\}$/),
      depends_on: [expect.stringMatching(/^aws_shield_subscription\./)],
    });
  });

  it("publishes the outputs operators read, by fixed names", () => {
    expect(Object.keys(global.output ?? {}).sort()).toEqual([
      "access_log_bucket",
      "alarm_topic_arn",
      "certificate_arn",
      "distribution_domain_name",
      "distribution_id",
      "dr_health_check_id",
      "failover_name",
      "primary_health_check_id",
      "web_acl_arn",
    ]);
    expect(global.output?.failover_name.value).toMatch(/^\$\{aws_route53_record\.\w+\.fqdn\}$/);
  });
});
