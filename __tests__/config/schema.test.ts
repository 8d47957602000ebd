import { DEFAULT_CONFIG, resolveConfig } from "../../src/config";
import { problemsOf } from "../support/config-problems";

describe("config defaults", () => {
  it("are valid and are the seeds' values, corrected where AWS rejects them", () => {
    const config = resolveConfig();
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(config.regions.primary).toMatchObject({
      region: "us-east-2",
      availabilityZones: ["use2-az1", "use2-az2", "use2-az3"],
      webAmiId: "ami-0df92fab4fc936ce1",
    });
    expect(config.regions.dr).toMatchObject({
      region: "us-west-1",
      availabilityZones: ["usw1-az1", "usw1-az3"],
      webAmiId: "ami-0cf0917c6fa17e621",
    });
    expect(config.web).toMatchObject({
      runtime: "eks",
      instanceType: "t3.micro",
      instances: { active: 3, standby: 2 },
    });
    expect(config.database.instanceClass).not.toMatch(/^db\.t/);
    expect(config.database.masterUsername).not.toBe("admin");
    expect(config.cache.nodes.primary).toBeGreaterThanOrEqual(2);
  });
});

describe("config overrides", () => {
  it("deep-merge over the defaults, keeping siblings of what they change", () => {
    const config = resolveConfig({ regions: { dr: { vpcCidr: "10.20.0.0/16" } }, web: { runtime: "ec2" } });
    expect(config.regions.dr.vpcCidr).toBe("10.20.0.0/16");
    expect(config.regions.dr.region).toBe("us-west-1");
    expect(config.regions.primary).toEqual(DEFAULT_CONFIG.regions.primary);
    expect(config.web.runtime).toBe("ec2");
  });

  it("replace arrays rather than concatenating them", () => {
    const config = resolveConfig({ regions: { primary: { availabilityZones: ["use2-az1", "use2-az3"] } } });
    expect(config.regions.primary.availabilityZones).toEqual(["use2-az1", "use2-az3"]);
  });

  it("may name the published JSON Schema with $schema", () => {
    expect(problemsOf({ $schema: "./titan.config.schema.json" })).toEqual([]);
  });

  it("must be a JSON object", () => {
    expect(problemsOf([1, 2])).toEqual([": the config must be a JSON object"]);
  });
});

const region = (role: "primary" | "dr", values: object) => ({ regions: { [role]: values } });

describe("config validation rejects", () => {
  test.each([
    [
      "the same region twice",
      region("dr", { region: "us-east-2", availabilityZones: ["use2-az1", "use2-az2"] }),
      "regions.dr.region",
      /also the primary region/,
    ],
    [
      "an AZ ID of another region",
      region("primary", { availabilityZones: ["use2-az1", "usw1-az1"] }),
      "regions.primary.availabilityZones[1]",
      /"usw1-az1" is an AZ ID of another region; us-east-2's start with "use2-"/,
    ],
    [
      "a zone name, explaining per-account mapping, the ID form and how to find IDs",
      region("dr", { availabilityZones: ["us-west-1c", "usw1-az1"] }),
      "regions.dr.availabilityZones[0]",
      /"us-west-1c" is an Availability Zone name; names are mapped to physical zones per account.*AZ IDs such as usw1-az1, usw1-az3.*aws ec2 describe-availability-zones --region us-west-1/,
    ],
    [
      "an AZ ID the region does not offer to new accounts",
      region("dr", { availabilityZones: ["usw1-az1", "usw1-az2"] }),
      "regions.dr.availabilityZones[1]",
      /us-west-1 offers no zone "usw1-az2" to new accounts; use one of usw1-az1, usw1-az3/,
    ],
    [
      "something that is neither name nor ID",
      region("primary", { availabilityZones: ["use2-az1", "ohio-1"] }),
      "regions.primary.availabilityZones[1]",
      /"ohio-1" is not an AZ ID; AZ IDs look like use2-az1, use2-az2/,
    ],
    [
      "an AZ listed twice",
      region("primary", { availabilityZones: ["use2-az1", "use2-az1"] }),
      "regions.primary.availabilityZones[1]",
      /listed twice/,
    ],
    [
      "fewer than 2 AZs",
      region("dr", { availabilityZones: ["usw1-az1"] }),
      "regions.dr.availabilityZones",
      /at least 2/,
    ],
    ["an invalid CIDR", region("primary", { vpcCidr: "10.0.0/16" }), "regions.primary.vpcCidr", /not an IPv4 CIDR/],
    [
      "a CIDR with host bits set",
      region("primary", { vpcCidr: "10.0.1.0/16" }),
      "regions.primary.vpcCidr",
      /network address of that block is 10\.0\.0\.0\/16/,
    ],
    ["a CIDR larger than /16", region("primary", { vpcCidr: "10.0.0.0/12" }), "regions.primary.vpcCidr", /is a \/12/],
    ["a CIDR smaller than /24", region("dr", { vpcCidr: "10.1.0.0/25" }), "regions.dr.vpcCidr", /is a \/25/],
    [
      "overlapping primary and DR CIDRs",
      region("dr", { vpcCidr: "10.0.128.0/17" }),
      "regions.dr.vpcCidr",
      /overlaps the primary VPC "10\.0\.0\.0\/16"/,
    ],
    [
      "a single NAT gateway in primary",
      region("primary", { natGateways: "single" }),
      "regions.primary.natGateways",
      /"perAz"/,
    ],
    [
      "a burstable Aurora class (every titan database is global)",
      { database: { instanceClass: "db.t3.small" } },
      "database.instanceClass",
      /burstable.*db\.r6g\.large/,
    ],
    [
      "the reserved username admin",
      { database: { masterUsername: "admin" } },
      "database.masterUsername",
      /"admin" is reserved/,
    ],
    [
      "the reserved username rdsadmin",
      { database: { masterUsername: "RDSAdmin" } },
      "database.masterUsername",
      /reserved/,
    ],
    [
      "a username that is not an identifier",
      { database: { masterUsername: "1user" } },
      "database.masterUsername",
      /1-16 letters, digits and underscores, starting with a letter/,
    ],
    [
      "Redis failover with one node",
      { cache: { nodes: { dr: 1 } } },
      "cache.nodes.dr",
      /automatic failover needs 2 or more nodes/,
    ],
    [
      "a Global Datastore on t3 nodes",
      { cache: { globalDatastore: true } },
      "cache.nodeType",
      /cannot join a Global Datastore: use an m5, m6g, m7g, r5, r6g, r6gd, r7g or c7gn node type, large or above/,
    ],
    ["an unknown web.runtime", { web: { runtime: "lambda" } }, "web.runtime", /"eks"\|"ec2".*received "lambda"/],
    ["a malformed AMI id", region("dr", { webAmiId: "ami-XYZ" }), "regions.dr.webAmiId", /AMI id.*received "ami-XYZ"/],
    [
      "an unknown key, suggesting the right one",
      region("dr", { vpcCidrs: "10.1.0.0/16" }),
      "regions.dr.vpcCidrs",
      /unknown key "vpcCidrs" \(did you mean "vpcCidr"\?\)/,
    ],
    ["an unknown top-level key", { databse: {} }, "databse", /did you mean "database"/],
    [
      "an API hostname outside the zone",
      { domain: { apiHostname: "api.other.org" } },
      "domain.apiHostname",
      /not inside the zone "example\.com"/,
    ],
    ["a wrong type", { database: { backupRetentionDays: "7" } }, "database.backupRetentionDays", /expected number/],
  ])("%s", (_name, overrides, path, message) => {
    const problems = problemsOf(overrides);
    const matching = problems.filter((problem) => problem.startsWith(`${path}: `));
    expect(matching).toHaveLength(1);
    expect(matching[0]).toMatch(message);
  });

  it("accepts Redis with one node when failover is off", () => {
    expect(problemsOf({ cache: { nodes: { primary: 1, dr: 1 }, automaticFailover: false } })).toEqual([]);
  });

  it("accepts a Global Datastore on r6g nodes", () => {
    expect(problemsOf({ cache: { globalDatastore: true, nodeType: "cache.r6g.large" } })).toEqual([]);
  });

  it("refuses the issue's config with a message naming each field: database.global is gone, db.t* is burstable", () => {
    expect(problemsOf({ database: { global: false, instanceClass: "db.t4g.medium" } })).toEqual([
      'database.global: "global" was removed: titan always builds an Aurora global database (DR\'s database is its secondary cluster, and failover depends on it); delete the key',
      'database.instanceClass: "db.t4g.medium" is burstable; Aurora global databases reject db.t* classes: use a memory-optimized class such as db.r6g.large',
    ]);
  });

  it("refuses an API name too long for the regions' certificates, whose first name is origin.<apiHostname>", () => {
    const apiHostname = `${"a".repeat(50)}.example.com`;
    expect(problemsOf({ domain: { apiHostname } })).toEqual([
      `domain.apiHostname: "origin.${apiHostname}" is 69 characters; ACM accepts at most 64 for a certificate's first name, and the regions' certificates are issued for origin.<apiHostname>; use a shorter name`,
    ]);
  });

  it("refuses the same admin role twice, which EKS would refuse as a second access entry", () => {
    const arn = "arn:aws:iam::111122223333:role/deployer";
    expect(
      problemsOf({ kubernetes: { adminRoleArns: [arn, "arn:aws:iam::111122223333:role/team/deployer"] } }),
    ).toEqual(['kubernetes.adminRoleArns[1]: names the role "deployer" again; EKS allows one access entry per role']);
  });

  it("reports every problem at once, sorted by path", () => {
    const problems = problemsOf({
      regions: {
        primary: { availabilityZones: ["use2-az1", "usw1-az1"], vpcCidr: "10.0.0.0/12", webAmiId: "ami-1" },
        dr: { region: "us-east-2", availabilityZones: ["use2-az3"], vpcCidr: "10.0.5.0/24", typo: 1 },
      },
      database: { instanceClass: "db.t3.small", masterUsername: "admin" },
      cache: { nodes: { primary: 1, dr: 2 } },
      web: { runtime: "lambda" },
    });
    expect(problems.map((problem) => problem.split(": ")[0])).toEqual([
      "cache.nodes.primary",
      "database.instanceClass",
      "database.masterUsername",
      "regions.dr.availabilityZones",
      "regions.dr.region",
      "regions.dr.typo",
      "regions.dr.vpcCidr",
      "regions.primary.availabilityZones[1]",
      "regions.primary.vpcCidr",
      "regions.primary.webAmiId",
      "web.runtime",
    ]);
  });

  it("keeps cross-field rules running when a sibling value is malformed", () => {
    const problems = problemsOf({ regions: { dr: { region: "us-east-2", vpcCidr: "not-a-cidr" } } });
    expect(problems.some((problem) => problem.startsWith("regions.dr.region: "))).toBe(true);
    expect(problems.some((problem) => problem.startsWith("regions.dr.vpcCidr: "))).toBe(true);
  });
});

describe("config validation of later sections", () => {
  test.each([
    [
      "node group min above max",
      { kubernetes: { nodes: { standby: { min: 3, max: 2, desired: 2 } } } },
      "kubernetes.nodes.standby.min",
      /min 3 is above max 2/,
    ],
    [
      "desired outside min..max",
      { kubernetes: { nodes: { active: { min: 2, max: 4, desired: 5 } } } },
      "kubernetes.nodes.active.desired",
      /between min 2 and max 4/,
    ],
    [
      "a node maximum below the zones of the larger region (each zone has its own node group)",
      { kubernetes: { nodes: { standby: { min: 1, max: 2, desired: 1 } } } },
      "kubernetes.nodes.standby.max",
      /must be at least 3, one per zone .*got 2; either region may be the standby one, and the larger has 3 zones/,
    ],
    [
      "a public API open to the internet",
      { kubernetes: { publicAccessCidrs: ["0.0.0.0/0"] } },
      "kubernetes.publicAccessCidrs[0]",
      /open the Kubernetes API to the internet/,
    ],
    [
      "spot with one instance type",
      { kubernetes: { spot: { instanceTypes: ["t3.medium"] } } },
      "kubernetes.spot.instanceTypes",
      /at least 2 instance types/,
    ],
    [
      "an admin that is not a role ARN",
      { kubernetes: { adminRoleArns: ["arn:aws:iam::123:user/bob"] } },
      "kubernetes.adminRoleArns[0]",
      /IAM role ARN/,
    ],
    [
      "expiry before Glacier's minimum",
      { logArchive: { glacierAfterDays: 90, expireAfterDays: 120 } },
      "logArchive.expireAfterDays",
      /under 90 days in Glacier/,
    ],
    [
      "a rate() backup schedule",
      { backup: { scheduleExpression: "rate(1 day)" } },
      "backup.scheduleExpression",
      /cron/,
    ],
    [
      "a retention CloudWatch refuses",
      { observability: { logRetentionDays: 10 } },
      "observability.logRetentionDays",
      /received 10/,
    ],
    [
      "an alarm address that is not one",
      { observability: { alarmEmails: ["ops"] } },
      "observability.alarmEmails[0]",
      /email/i,
    ],
  ])("rejects %s", (_name, overrides, path, message) => {
    const matching = problemsOf(overrides).filter((problem) => problem.startsWith(`${path}: `));
    expect(matching).toHaveLength(1);
    expect(matching[0]).toMatch(message);
  });

  it("accepts a public API restricted to an office range", () => {
    expect(problemsOf({ kubernetes: { publicAccessCidrs: ["203.0.113.0/24"] } })).toEqual([]);
  });
});
