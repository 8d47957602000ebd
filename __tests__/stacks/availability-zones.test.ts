import { buildApp, resourcesOf, synthJson, testConfig } from "../support/synth";

/** A zone name of any region (`us-west-1c`), which titan must never write: names are mapped per account. */
const ZONE_NAME = /\b[a-z]{2}-[a-z]+-\d[a-z]\b/;
/** A reference to a data subnet's `availability_zone`, the account's own name for that zone. */
const DATA_SUBNET_ZONE = /^\$\{aws_subnet\.Network_(use2|usw1)-az\d_DataSubnet_[0-9A-F]{8}\.availability_zone\}$/;

describe("zones by AZ ID in the regional stacks", () => {
  const stacks = buildApp(testConfig({ web: { runtime: "ec2" } }));
  const regional = { primary: synthJson(stacks.primary), dr: synthJson(stacks.dr) };

  it("synthesizes the default config's subnets by AZ ID: use2-az1..3 in primary, usw1-az1 and usw1-az3 in DR", () => {
    const zoneIds = (role: "primary" | "dr") =>
      [...new Set(Object.values(resourcesOf(regional[role], "aws_subnet")).map((s) => s.availability_zone_id))].sort();
    expect(zoneIds("primary")).toEqual(["use2-az1", "use2-az2", "use2-az3"]);
    expect(zoneIds("dr")).toEqual(["usw1-az1", "usw1-az3"]);
  });

  test.each(["primary", "dr"] as const)("writes no zone name anywhere in %s", (role) => {
    expect(JSON.stringify(regional[role])).not.toMatch(ZONE_NAME);
  });

  test.each(["primary", "dr"] as const)(
    "places %s's Aurora instances and Redis nodes in the zones its data subnets report",
    (role) => {
      const instances = Object.values(resourcesOf(regional[role], "aws_rds_cluster_instance"));
      expect(instances.length).toBeGreaterThan(0);
      for (const instance of instances) {
        expect(instance.availability_zone).toMatch(DATA_SUBNET_ZONE);
      }
      const [redis] = Object.values(resourcesOf(regional[role], "aws_elasticache_replication_group"));
      const zones = redis.preferred_cache_cluster_azs as string[];
      expect(zones).toHaveLength(2);
      for (const zone of zones) {
        expect(zone).toMatch(DATA_SUBNET_ZONE);
      }
      // Spread over two zones: a replica in the primary's zone would fail with it.
      expect(new Set(zones).size).toBe(2);
    },
  );
});
