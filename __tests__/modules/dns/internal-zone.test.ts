import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { Testing } from "cdktf";
import { InternalZone, type InternalZoneProps } from "../../../src/modules/dns/internal-zone";

const GLOBAL_WRITER = "titan-aurora-global.global-abc123.global.rds.amazonaws.com";
const READER = "titan-primary-aurora.cluster-ro-abc.us-east-2.rds.amazonaws.com";

const PROPS: InternalZoneProps = {
  zoneName: "titan.internal",
  vpcId: "vpc-0123456789abcdef0",
  region: "us-east-2",
  cnames: { db: GLOBAL_WRITER, "db-reader": READER },
};

function synth(props: Partial<InternalZoneProps> = {}): string {
  return Testing.synthScope((scope) => {
    new InternalZone(scope, "InternalZone", { ...PROPS, ...props });
  });
}

function records(json: string): Record<string, unknown>[] {
  const parsed = JSON.parse(json) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  return Object.values(parsed.resource.aws_route53_record ?? {});
}

describe("InternalZone", () => {
  it("is a private zone resolved only in the given VPC and region", () => {
    expect(synth()).toHaveResourceWithProperties(Route53Zone, {
      name: "titan.internal",
      vpc: [{ vpc_id: "vpc-0123456789abcdef0", vpc_region: "us-east-2" }],
    });
  });

  it("points the generic DB name at the global writer endpoint, with a 30 s TTL for fast failover", () => {
    expect(synth()).toHaveResourceWithProperties(Route53Record, {
      name: "db.titan.internal",
      type: "CNAME",
      ttl: 30,
      records: [GLOBAL_WRITER],
      zone_id: expect.stringMatching(/^\$\{aws_route53_zone\.InternalZone_.*\.zone_id\}$/),
    });
  });

  it("creates one CNAME per label and no other record", () => {
    const byName = Object.fromEntries(records(synth()).map((record) => [record.name, record.records]));
    expect(byName).toEqual({ "db.titan.internal": [GLOBAL_WRITER], "db-reader.titan.internal": [READER] });
  });

  it("takes another TTL", () => {
    expect(synth({ ttlSeconds: 10 })).toHaveResourceWithProperties(Route53Record, { ttl: 10 });
  });

  it("derives each record's address from its label, so adding a record moves no other", () => {
    const parsed = JSON.parse(synth({ cnames: { cache: "redis.example", db: GLOBAL_WRITER } })) as {
      resource: Record<string, Record<string, unknown>>;
    };
    const addresses = Object.keys(parsed.resource.aws_route53_record);
    expect(addresses.some((address) => address.startsWith("InternalZone_Cnames_db_"))).toBe(true);
    expect(addresses.some((address) => address.startsWith("InternalZone_Cnames_cache_"))).toBe(true);
  });

  it("gives the full name of a label", () => {
    const built: InternalZone[] = [];
    Testing.synthScope((scope) => {
      built.push(new InternalZone(scope, "InternalZone", { ...PROPS, zoneName: "titan.internal." }));
    });
    expect(built[0].fqdn("db")).toBe("db.titan.internal");
    expect(() => built[0].fqdn("DB_1")).toThrow(/"DB_1" is not a DNS label/);
  });

  test.each<[string, Partial<InternalZoneProps>, RegExp]>([
    [
      "an upper-case label",
      { cnames: { DB: GLOBAL_WRITER } },
      /cnames: labels must be DNS labels \(lowercase letters, digits, inner hyphens, 1.*got "DB"/,
    ],
    ["a label with a dot", { cnames: { "db.primary": GLOBAL_WRITER } }, /got "db\.primary"/],
    ["a label ending in a hyphen", { cnames: { "db-": GLOBAL_WRITER } }, /got "db-"/],
    ["a label with an underscore", { cnames: { db_reader: READER } }, /got "db_reader"/],
    [
      "a 64-character label",
      { cnames: { ["a".repeat(64)]: READER } },
      /cnames: labels must be DNS labels \(lowercase letters, digits, inner hyphens, 1.*got "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/,
    ],
    ["an empty target", { cnames: { db: "" } }, /cnames\.db: must name the target host.*got ""/],
    ["a zone name without a dot", { zoneName: "internal" }, /zoneName: must be a lowercase domain .* got "internal"/],
    [
      "an upper-case zone name",
      { zoneName: "Titan.Internal" },
      /zoneName: must be a lowercase domain such as titan\.internal.*got "Titan\.Internal"/,
    ],
    [
      "a negative TTL",
      { ttlSeconds: -1 },
      /ttlSeconds: must be a whole number from 0 to 2147483647 \(30 keeps failover fast\).*got -1/,
    ],
    [
      "a fractional TTL",
      { ttlSeconds: 0.5 },
      /ttlSeconds: must be a whole number from 0 to 2147483647 \(30 keeps failover fast\).*got 0\.5/,
    ],
  ])("rejects %s", (_, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
