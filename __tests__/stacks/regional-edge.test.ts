import type { RegionRole } from "../../src/config";
import { buildApp, resourcesOf, type SynthesizedStack, synthJson, testConfig } from "../support/synth";

type Resource = Record<string, unknown>;

const ROLES: readonly RegionRole[] = ["primary", "dr"];

/** The validated names a validation record stands for: the keys of its `domain_validation_options` lookups. */
function validatedNames(record: Resource): string[] {
  return [...String(record.name).matchAll(/\["([a-z0-9.-]+)"\]/g)].map((match) => match[1]);
}

/**
 * What a record is in DNS, whichever stack writes it: its zone, and a literal name, type and set
 * identifier, or for an ACM validation record the CNAME of the name it validates (ACM gives every
 * region of an account the same one). A zone the stack itself creates (a private zone) is that
 * stack's alone.
 */
function dnsIdentity(stackId: string, record: Resource): string {
  const zone = String(record.zone_id);
  const where = zone.startsWith("${") ? `${stackId}:private ` : "";
  const validated = validatedNames(record);
  if (validated.length > 0) {
    return `${where}acm-validation:${validated[0]}`;
  }
  return `${where}${String(record.name)} ${String(record.type)} ${String(record.set_identifier ?? "")}`.trim();
}

describe("the regions' side of the edge", () => {
  const stacks = buildApp();
  const json: Record<RegionRole, SynthesizedStack> = { primary: synthJson(stacks.primary), dr: synthJson(stacks.dr) };

  test.each(ROLES)("%s owns its own origin name, an alias of its ALB that evaluates target health", (role) => {
    const origin = Object.values(resourcesOf(json[role], "aws_route53_record")).filter(
      (record) => record.name === `${role}.origin.api.example.com`,
    );
    expect(origin).toEqual([
      {
        zone_id: "Z0123456789EXAMPLE0",
        name: `${role}.origin.api.example.com`,
        type: "A",
        alias: {
          name: expect.stringMatching(/^\$\{aws_lb\.Alb_\w+\.dns_name\}$/),
          zone_id: expect.stringMatching(/^\$\{aws_lb\.Alb_\w+\.zone_id\}$/),
          evaluate_target_health: true,
        },
      },
    ]);
    expect(json[role].output?.origin_fqdn.value).toMatch(/^\$\{aws_route53_record\.OriginRecord_\w+\.fqdn\}$/);
  });

  test.each(ROLES)("%s admits HTTPS only from CloudFront's and Route 53's prefix lists of its own region", (role) => {
    const region = role === "primary" ? "us-east-2" : "us-west-1";
    const lists = resourcesOf(
      { ...json[role], resource: json[role].data } as SynthesizedStack,
      "aws_ec2_managed_prefix_list",
    );
    expect(Object.values(lists).map((list) => list.name)).toEqual([
      "com.amazonaws.global.cloudfront.origin-facing",
      `com.amazonaws.${region}.route53-healthchecks`,
    ]);
    const listIds = Object.keys(lists);
    const ingress = Object.values(resourcesOf(json[role], "aws_vpc_security_group_ingress_rule"));
    const fromOutside = ingress.filter(
      (rule) => rule.referenced_security_group_id === undefined && rule.cidr_ipv4 === undefined,
    );
    expect(fromOutside.map((rule) => [rule.prefix_list_id, rule.from_port, rule.to_port]).sort()).toEqual(
      listIds.map((id) => [`\${data.aws_ec2_managed_prefix_list.${id}.id}`, 443, 443]).sort(),
    );
    const world = ["0.0.0.0/0", "::/0"];
    expect(ingress.filter((rule) => world.includes(String(rule.cidr_ipv4 ?? rule.cidr_ipv6)))).toEqual([]);
    const alb = Object.values(resourcesOf(json[role], "aws_lb"))[0];
    expect(alb.security_groups).toHaveLength(2);
    expect(Object.values(resourcesOf(json[role], "aws_lb_listener")).map((listener) => listener.port)).toEqual([443]);
  });

  test.each(ROLES)("%s's listener requires the origin-verify header, read from its own region's copy", (role) => {
    const reads = json[role].data?.aws_secretsmanager_secret_version ?? {};
    expect(Object.values(reads)).toEqual([
      role === "primary"
        ? {
            secret_id: "titan-primary-origin-verify",
            version_id: expect.stringMatching(
              /^\$\{aws_secretsmanager_secret_version\.OriginVerifySecret_Version_\w+\.version_id\}$/,
            ),
          }
        : { secret_id: "titan-primary-origin-verify" },
    ]);
    const readId = Object.keys(reads)[0];
    const stored = `jsondecode(data.aws_secretsmanager_secret_version.${readId}.secret_string)`;
    const rules = Object.values(resourcesOf(json[role], "aws_lb_listener_rule"));
    expect(rules.find((rule) => rule.priority === 10)?.condition).toEqual([
      {
        http_header: {
          http_header_name: "X-Origin-Verify",
          values: `\${distinct([${stored}.current, ${stored}.previous])}`,
        },
      },
    ]);
    const https = Object.values(resourcesOf(json[role], "aws_lb_listener"))[0];
    expect(https.default_action).toEqual([
      {
        type: "fixed-response",
        fixed_response: { status_code: "403", content_type: "text/plain", message_body: "Forbidden" },
      },
    ]);
    // Every provider of DR is in us-west-1: the secret is read from the replica there.
    if (role === "dr") {
      expect((json.dr.provider?.aws ?? []).map((provider) => provider.region)).toEqual(["us-west-1"]);
    }
  });

  it("primary creates the secret under its key, replicated to DR's region and CloudFront's", () => {
    const [secret] = Object.values(resourcesOf(json.primary, "aws_secretsmanager_secret")).filter(
      (candidate) => candidate.name === "titan-primary-origin-verify",
    );
    expect(secret).toMatchObject({
      kms_key_id: expect.stringMatching(/aws_kms_key\.DataKey/),
      replica: [{ region: "us-west-1" }, { region: "us-east-1" }],
    });
    expect(
      Object.values(resourcesOf(json.dr, "aws_secretsmanager_secret")).some((candidate) =>
        String(candidate.name).includes("origin-verify"),
      ),
    ).toBe(false);
    expect(json.primary.output).toHaveProperty("origin_verify_secret_arn");
  });

  it("rotates by generation: the write-only version follows edge.originVerify.generation", () => {
    const rotated = synthJson(buildApp(testConfig({ edge: { originVerify: { generation: 4 } } })).primary);
    const version = Object.values(resourcesOf(rotated, "aws_secretsmanager_secret_version")).find((candidate) =>
      String(candidate.secret_string_wo).includes('"generation" = 4'),
    );
    expect(version?.secret_string_wo_version).toBe(4);
  });

  it("gives the shared validation record of origin.<apiHostname> to primary alone; DR waits for it by name", () => {
    const validation = (role: RegionRole) =>
      Object.values(resourcesOf(json[role], "aws_route53_record")).flatMap(validatedNames);
    expect(validation("primary").sort()).toEqual(["origin.api.example.com", "primary.origin.api.example.com"]);
    expect(validation("dr")).toEqual(["dr.origin.api.example.com"]);
    const drValidation = Object.values(resourcesOf(json.dr, "aws_acm_certificate_validation"))[0];
    expect(drValidation.validation_record_fqdns).toEqual([
      expect.stringMatching(/^\$\{trimsuffix\(.*\["origin\.api\.example\.com"\]\.resource_record_name, "\."\)\}$/),
      expect.stringMatching(/^\$\{aws_route53_record\.OriginCertificate_ValidationRecords_dr\w+\.fqdn\}$/),
    ]);
    // DR forgets the copy it used to own instead of deleting the record primary now owns.
    expect((json.dr as unknown as { removed: unknown[] }).removed).toEqual([
      {
        from: expect.stringMatching(
          /^aws_route53_record\.OriginCertificate_ValidationRecords_originapiexamplecom_\w+$/,
        ),
        lifecycle: { destroy: false },
      },
    ]);
    expect(json.primary).not.toHaveProperty("removed");
  });

  it("gives every DNS record of every stack exactly one owner, and none may overwrite another", () => {
    const owners = new Map<string, string[]>();
    for (const stack of Object.values(stacks)) {
      for (const record of Object.values(resourcesOf(synthJson(stack), "aws_route53_record"))) {
        expect(record).not.toHaveProperty("allow_overwrite");
        const identity = dnsIdentity(stack.node.id, record);
        owners.set(identity, [...(owners.get(identity) ?? []), stack.node.id]);
      }
    }
    const shared = [...owners].filter(([, stackIds]) => stackIds.length > 1);
    expect(shared).toEqual([]);
    // The records the edge depends on, and who owns each.
    const publicZone = [...owners].filter(([identity]) => !identity.includes(":private "));
    expect(Object.fromEntries(publicZone)).toEqual({
      "acm-validation:origin.api.example.com": ["primary"],
      "acm-validation:primary.origin.api.example.com": ["primary"],
      "acm-validation:dr.origin.api.example.com": ["dr"],
      "acm-validation:api.example.com": ["global"],
      "primary.origin.api.example.com A": ["primary"],
      "dr.origin.api.example.com A": ["dr"],
      "origin.api.example.com A primary": ["global"],
      "origin.api.example.com A dr": ["global"],
      "api.example.com A": ["global"],
      "api.example.com AAAA": ["global"],
    });
  });
});
