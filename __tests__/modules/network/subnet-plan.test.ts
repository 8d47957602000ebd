import { planSubnets, subnetPlanProblems } from "../../../src/modules/network/subnet-plan";

describe("planSubnets", () => {
  it("plans the primary VPC (10.0.0.0/16, use2-az1..az3): half private, a quarter each public and data", () => {
    expect(planSubnets("10.0.0.0/16", ["use2-az1", "use2-az2", "use2-az3"])).toEqual([
      { zoneId: "use2-az1", private: "10.0.0.0/19", public: "10.0.128.0/20", data: "10.0.192.0/20" },
      { zoneId: "use2-az2", private: "10.0.32.0/19", public: "10.0.144.0/20", data: "10.0.208.0/20" },
      { zoneId: "use2-az3", private: "10.0.64.0/19", public: "10.0.160.0/20", data: "10.0.224.0/20" },
    ]);
  });

  it("plans the DR VPC (10.1.0.0/16, usw1-az1 and usw1-az3) in the slots of AZ numbers 1 and 3", () => {
    expect(planSubnets("10.1.0.0/16", ["usw1-az1", "usw1-az3"])).toEqual([
      { zoneId: "usw1-az1", private: "10.1.0.0/19", public: "10.1.128.0/20", data: "10.1.192.0/20" },
      { zoneId: "usw1-az3", private: "10.1.64.0/19", public: "10.1.160.0/20", data: "10.1.224.0/20" },
    ]);
  });

  it("still fits a /24 VPC: /27 private and /28 (the smallest AWS subnet) public and data", () => {
    expect(planSubnets("10.2.0.0/24", ["use2-az1", "use2-az2", "use2-az3"])).toEqual([
      { zoneId: "use2-az1", private: "10.2.0.0/27", public: "10.2.0.128/28", data: "10.2.0.192/28" },
      { zoneId: "use2-az2", private: "10.2.0.32/27", public: "10.2.0.144/28", data: "10.2.0.208/28" },
      { zoneId: "use2-az3", private: "10.2.0.64/27", public: "10.2.0.160/28", data: "10.2.0.224/28" },
    ]);
  });

  it("gives AZ number 4 the last block of each tier", () => {
    expect(planSubnets("10.0.0.0/16", ["usw2-az4"])).toEqual([
      { zoneId: "usw2-az4", private: "10.0.96.0/19", public: "10.0.176.0/20", data: "10.0.240.0/20" },
    ]);
  });

  it("keeps a zone's CIDRs when another zone is removed or the list is reordered", () => {
    const zone3 = (zones: string[]) => planSubnets("10.0.0.0/16", zones).find((zone) => zone.zoneId === "use2-az3");
    const withAz2 = zone3(["use2-az1", "use2-az2", "use2-az3"]);
    expect(zone3(["use2-az1", "use2-az3"])).toEqual(withAz2);
    expect(zone3(["use2-az3", "use2-az1"])).toEqual(withAz2);
  });

  test.each([
    ["an unparsable CIDR", "10.0.0/16", ["use2-az1"], /vpcCidr: "10.0.0\/16" is not an IPv4 CIDR block/],
    ["host bits set", "10.0.0.1/16", ["use2-az1"], /host bits set.*10\.0\.0\.0\/16/],
    ["a VPC larger than AWS allows", "10.0.0.0/15", ["use2-az1"], /is a \/15; use \/16 to \/24/],
    ["a VPC too small for /28 subnets", "10.0.0.0/25", ["use2-az1"], /is a \/25; use \/16 to \/24/],
    ["no zones", "10.0.0.0/16", [], /availabilityZoneIds: must list at least one AZ ID/],
    ["an AZ number without a slot", "10.0.0.0/16", ["use1-az6"], /"use1-az6" is not an AZ ID numbered 1 to 4/],
    ["a zone name instead of an AZ ID", "10.0.0.0/16", ["us-east-2a"], /"us-east-2a" is not an AZ ID/],
    ["an AZ number listed twice", "10.0.0.0/16", ["use2-az1", "use2-az1"], /share AZ number 1/],
  ])("rejects %s", (_case, cidr, zones, message) => {
    const problems = subnetPlanProblems(cidr, zones).map((problem) => `${problem.prop}: ${problem.message}`);
    expect(problems).toEqual([expect.stringMatching(message)]);
    expect(() => planSubnets(cidr, zones)).toThrow(message);
  });
});
