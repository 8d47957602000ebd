import { planSubnets } from "../../../src/modules/network/subnet-plan";

describe("planSubnets", () => {
  it("plans the primary VPC (10.0.0.0/16, us-east-2 a, b, c): half private, a quarter each public and data", () => {
    expect(planSubnets("10.0.0.0/16", ["us-east-2a", "us-east-2b", "us-east-2c"])).toEqual([
      { letter: "a", zone: "us-east-2a", private: "10.0.0.0/19", public: "10.0.128.0/20", data: "10.0.192.0/20" },
      { letter: "b", zone: "us-east-2b", private: "10.0.32.0/19", public: "10.0.144.0/20", data: "10.0.208.0/20" },
      { letter: "c", zone: "us-east-2c", private: "10.0.64.0/19", public: "10.0.160.0/20", data: "10.0.224.0/20" },
    ]);
  });

  it("plans the DR VPC (10.1.0.0/16, us-west-1 b, c) in the slots of letters b and c", () => {
    expect(planSubnets("10.1.0.0/16", ["us-west-1b", "us-west-1c"])).toEqual([
      { letter: "b", zone: "us-west-1b", private: "10.1.32.0/19", public: "10.1.144.0/20", data: "10.1.208.0/20" },
      { letter: "c", zone: "us-west-1c", private: "10.1.64.0/19", public: "10.1.160.0/20", data: "10.1.224.0/20" },
    ]);
  });

  it("still fits a /24 VPC: /27 private and /28 (the smallest AWS subnet) public and data", () => {
    expect(planSubnets("10.2.0.0/24", ["us-east-2a", "us-east-2b", "us-east-2c"])).toEqual([
      { letter: "a", zone: "us-east-2a", private: "10.2.0.0/27", public: "10.2.0.128/28", data: "10.2.0.192/28" },
      { letter: "b", zone: "us-east-2b", private: "10.2.0.32/27", public: "10.2.0.144/28", data: "10.2.0.208/28" },
      { letter: "c", zone: "us-east-2c", private: "10.2.0.64/27", public: "10.2.0.160/28", data: "10.2.0.224/28" },
    ]);
  });

  it("gives slot d the last block of each tier", () => {
    expect(planSubnets("10.0.0.0/16", ["us-west-2d"])).toEqual([
      { letter: "d", zone: "us-west-2d", private: "10.0.96.0/19", public: "10.0.176.0/20", data: "10.0.240.0/20" },
    ]);
  });

  it("keeps a zone's CIDRs when another zone is removed or the list is reordered", () => {
    const zoneC = (zones: string[]) => planSubnets("10.0.0.0/16", zones).find((zone) => zone.letter === "c");
    const withB = zoneC(["us-east-2a", "us-east-2b", "us-east-2c"]);
    expect(zoneC(["us-east-2a", "us-east-2c"])).toEqual(withB);
    expect(zoneC(["us-east-2c", "us-east-2a"])).toEqual(withB);
  });

  test.each([
    ["an unparsable CIDR", "10.0.0/16", ["us-east-2a"], /vpcCidr "10.0.0\/16" is not an IPv4 CIDR block/],
    ["host bits set", "10.0.0.1/16", ["us-east-2a"], /host bits set.*10\.0\.0\.0\/16/],
    ["a VPC larger than AWS allows", "10.0.0.0/15", ["us-east-2a"], /is a \/15; use \/16 to \/24/],
    ["a VPC too small for /28 subnets", "10.0.0.0/25", ["us-east-2a"], /is a \/25; use \/16 to \/24/],
    ["no zones", "10.0.0.0/16", [], /availabilityZones is empty/],
    ["a zone letter without a slot", "10.0.0.0/16", ["us-east-1e"], /"us-east-1e" ends in "e".*a, b, c, d/],
    ["a zone not ending in a letter", "10.0.0.0/16", ["use2-az1"], /"use2-az1" ends in "1"/],
    ["a letter listed twice", "10.0.0.0/16", ["us-east-2a", "us-east-2a"], /letter "a" appears twice/],
  ])("rejects %s", (_case, cidr, zones, message) => {
    expect(() => planSubnets(cidr, zones)).toThrow(message);
  });
});
