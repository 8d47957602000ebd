import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { TerraformOutput, Testing } from "cdktf";
import type { Construct } from "constructs";
import { Network, type NetworkProps } from "../../../src/modules/network/network";
import { Namer } from "../../../src/naming";

type Resources = Record<string, Record<string, Record<string, unknown>>>;
interface Synthesized {
  resource: Resources;
  data: Resources;
}

const PRIMARY_ZONES = ["use2-az1", "use2-az2", "use2-az3"];
const KEY_ARN = "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function synth(props: Partial<NetworkProps> = {}): string {
  return Testing.synthScope((scope) => {
    new Network(scope, "Network", {
      namer: new Namer("titan", "primary"),
      vpcCidr: "10.0.0.0/16",
      availabilityZoneIds: PRIMARY_ZONES,
      flowLogKmsKeyArn: KEY_ARN,
      logRetentionDays: 90,
      accountId: "111122223333",
      ...props,
    });
  });
}

function parse(props: Partial<NetworkProps> = {}): Synthesized {
  return JSON.parse(synth(props));
}

/** DR's network with its zones listed out of AZ order, plus whatever `use` adds; synthesized and parsed. */
function drNetworkWith(
  use: (scope: Construct, network: Network) => void,
): Synthesized & { output: Record<string, { value: unknown }> } {
  return JSON.parse(
    Testing.synthScope((scope) => {
      const network = new Network(scope, "Network", {
        namer: new Namer("titan", "dr"),
        vpcCidr: "10.1.0.0/16",
        availabilityZoneIds: ["usw1-az3", "usw1-az1"],
        flowLogKmsKeyArn: KEY_ARN,
        logRetentionDays: 90,
        accountId: "111122223333",
      });
      use(scope, network);
    }),
  );
}

/** The logical name inside a reference such as `${aws_nat_gateway.Network_a_NatGateway_1234.id}`. */
function referenced(ref: unknown): string {
  return String(ref).split(".")[1];
}

function privateRoutes(json: Synthesized): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(json.resource.aws_route).filter(([name]) => name.includes("PrivateNatRoute")),
  );
}

describe("Network", () => {
  const primary = parse();

  it("creates a VPC with DNS support and hostnames, which private DNS for endpoints needs", () => {
    expect(synth()).toHaveResourceWithProperties(Vpc, {
      cidr_block: "10.0.0.0/16",
      enable_dns_support: true,
      enable_dns_hostnames: true,
      tags: { Name: "titan-primary-vpc" },
    });
  });

  test.each([
    ["primary, 3 AZs", PRIMARY_ZONES, 9],
    ["dr, 2 AZs", ["usw1-az1", "usw1-az3"], 6],
  ])("creates three subnets per AZ (%s)", (_case, availabilityZoneIds, count) => {
    const json = parse({ availabilityZoneIds, vpcCidr: "10.1.0.0/16" });
    expect(Object.keys(json.resource.aws_subnet)).toHaveLength(count);
  });

  it("keys each AZ's resources by its AZ ID, so removing an AZ leaves the others' addresses alone", () => {
    const dr = parse({ availabilityZoneIds: ["usw1-az1", "usw1-az3"], vpcCidr: "10.1.0.0/16" });
    const names = Object.keys(dr.resource.aws_subnet).map((name) => name.replace(/_[0-9A-F]{8}$/, ""));
    expect(names.sort()).toEqual([
      "Network_usw1-az1_DataSubnet",
      "Network_usw1-az1_PrivateSubnet",
      "Network_usw1-az1_PublicSubnet",
      "Network_usw1-az3_DataSubnet",
      "Network_usw1-az3_PrivateSubnet",
      "Network_usw1-az3_PublicSubnet",
    ]);
    const withoutAz2 = parse({ availabilityZoneIds: ["use2-az1", "use2-az3"] });
    expect(withoutAz2.resource.aws_subnet).toEqual(
      Object.fromEntries(
        Object.entries(primary.resource.aws_subnet).filter(([name]) => !name.startsWith("Network_use2-az2_")),
      ),
    );
  });

  it("creates subnets by AZ ID, never by a name that is mapped per account", () => {
    for (const subnet of Object.values(primary.resource.aws_subnet)) {
      expect(subnet).toHaveProperty("availability_zone_id");
      expect(subnet).not.toHaveProperty("availability_zone");
    }
  });

  it("fails the plan, not the apply, when the account lacks a zone: one available-zone lookup per AZ ID", () => {
    const lookups = Object.values(primary.data.aws_availability_zone);
    expect(lookups).toEqual(PRIMARY_ZONES.map((zoneId) => ({ zone_id: zoneId, state: "available" })));
    expect(parse({ verifyZonesOffered: false }).data?.aws_availability_zone).toBeUndefined();
  });

  it("reads the account's zone names from the data subnets, for Aurora and Redis placement", () => {
    const json = drNetworkWith((scope, network) => {
      new TerraformOutput(scope, "zones", { value: network.dataZoneNames });
    });
    expect(json.output.zones.value).toEqual([
      expect.stringMatching(/^\$\{aws_subnet\.Network_usw1-az3_DataSubnet_[0-9A-F]{8}\.availability_zone\}$/),
      expect.stringMatching(/^\$\{aws_subnet\.Network_usw1-az1_DataSubnet_[0-9A-F]{8}\.availability_zone\}$/),
    ]);
  });

  it("exposes subnet and route table ids per tier in AZ order", () => {
    const json = drNetworkWith((scope, network) => {
      expect(network.zones["usw1-az1"].private.node.path).toMatch(/\/Network\/usw1-az1\/PrivateSubnet$/);
      new TerraformOutput(scope, "public", { value: network.publicSubnetIds });
      new TerraformOutput(scope, "private", { value: network.privateSubnetIds });
      new TerraformOutput(scope, "data", { value: network.dataSubnetIds });
      new TerraformOutput(scope, "privateTables", { value: network.privateRouteTableIds });
    });
    const names = (output: string) => (json.output[output].value as string[]).map(referenced);
    for (const [output, pattern] of [
      ["public", "PublicSubnet"],
      ["private", "PrivateSubnet"],
      ["data", "DataSubnet"],
      ["privateTables", "PrivateRouteTable"],
    ]) {
      expect(names(output)).toEqual([
        expect.stringMatching(new RegExp(`^Network_usw1-az3_${pattern}_`)),
        expect.stringMatching(new RegExp(`^Network_usw1-az1_${pattern}_`)),
      ]);
    }
  });

  it("tags subnets for EKS load balancer discovery and never assigns public IPs implicitly", () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(Subnet, {
      availability_zone_id: "use2-az2",
      cidr_block: "10.0.144.0/20",
      map_public_ip_on_launch: false,
      tags: expect.objectContaining({ Name: "titan-primary-public-use2-az2", "kubernetes.io/role/elb": "1" }),
    });
    expect(json).toHaveResourceWithProperties(Subnet, {
      availability_zone_id: "use2-az2",
      cidr_block: "10.0.32.0/19",
      tags: expect.objectContaining({ Name: "titan-primary-private-use2-az2", "kubernetes.io/role/internal-elb": "1" }),
    });
    const subnets = Object.values(primary.resource.aws_subnet);
    expect(subnets.every((subnet) => subnet.map_public_ip_on_launch === false)).toBe(true);
    const data = subnets.filter((subnet) => (subnet.tags as Record<string, string>).Tier === "data");
    expect(data.map((subnet) => subnet.cidr_block)).toEqual(["10.0.192.0/20", "10.0.208.0/20", "10.0.224.0/20"]);
    expect(
      data.every((subnet) => Object.keys(subnet.tags as object).every((tag) => !tag.startsWith("kubernetes"))),
    ).toBe(true);
  });

  it("by default gives each AZ its own NAT gateway and routes its private subnets through it", () => {
    expect(Object.keys(primary.resource.aws_nat_gateway)).toHaveLength(3);
    expect(Object.values(primary.resource.aws_eip)).toEqual(Array(3).fill(expect.objectContaining({ domain: "vpc" })));
    const routes = privateRoutes(primary);
    expect(Object.keys(routes)).toHaveLength(3);
    for (const [name, route] of Object.entries(routes)) {
      const letter = name.split("_")[1];
      expect(route.destination_cidr_block).toBe("0.0.0.0/0");
      expect(referenced(route.nat_gateway_id)).toMatch(new RegExp(`^Network_${letter}_NatGateway_`));
      expect(referenced(route.route_table_id)).toMatch(new RegExp(`^Network_${letter}_PrivateRouteTable_`));
    }
    const nat = Object.values(primary.resource.aws_nat_gateway)[0];
    expect(referenced(nat.subnet_id)).toMatch(/_PublicSubnet_/);
  });

  it("with a single NAT gateway, places it in the first AZ and routes every private subnet through it", () => {
    const single = parse({ natGateways: "single" });
    expect(Object.keys(single.resource.aws_nat_gateway)).toEqual([
      expect.stringMatching(/^Network_use2-az1_NatGateway_/),
    ]);
    expect(Object.keys(single.resource.aws_eip)).toHaveLength(1);
    const natName = Object.keys(single.resource.aws_nat_gateway)[0];
    const routes = Object.values(privateRoutes(single));
    expect(routes).toHaveLength(3);
    expect(routes.every((route) => referenced(route.nat_gateway_id) === natName)).toBe(true);
  });

  it("routes the public table to the internet gateway and gives the data table no route at all", () => {
    const tables = primary.resource.aws_route_table;
    const dataTable = Object.keys(tables).find((name) => name.startsWith("Network_DataRouteTable_"));
    const publicTable = Object.keys(tables).find((name) => name.startsWith("Network_PublicRouteTable_"));
    const routes = Object.values(primary.resource.aws_route);
    expect(routes.filter((route) => referenced(route.route_table_id) === dataTable)).toEqual([]);
    expect(Object.values(tables).every((table) => table.route === undefined)).toBe(true);
    expect(routes.filter((route) => referenced(route.route_table_id) === publicTable)).toEqual([
      expect.objectContaining({
        destination_cidr_block: "0.0.0.0/0",
        gateway_id: expect.stringMatching(/InternetGateway/),
      }),
    ]);
    const dataAssociations = Object.values(primary.resource.aws_route_table_association).filter((association) =>
      String(association.subnet_id).includes("_DataSubnet_"),
    );
    expect(dataAssociations).toHaveLength(3);
    expect(dataAssociations.every((association) => referenced(association.route_table_id) === dataTable)).toBe(true);
  });

  it("groups the data subnets for Aurora and ElastiCache", () => {
    const json = synth();
    const dataSubnets = expect.arrayContaining([expect.stringMatching(/_DataSubnet_/)]);
    expect(json).toHaveResourceWithProperties(DbSubnetGroup, { name: "titan-primary-data", subnet_ids: dataSubnets });
    expect(json).toHaveResourceWithProperties(ElasticacheSubnetGroup, {
      name: "titan-primary-data",
      subnet_ids: dataSubnets,
    });
    for (const group of [primary.resource.aws_db_subnet_group, primary.resource.aws_elasticache_subnet_group]) {
      const ids = Object.values(group)[0].subnet_ids as string[];
      expect(ids).toHaveLength(3);
      expect(ids.every((id) => id.includes("_DataSubnet_"))).toBe(true);
    }
  });

  it("logs ALL traffic to a log group encrypted with the given key, kept for logRetentionDays", () => {
    const json = synth({ logRetentionDays: 365 });
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { kms_key_id: KEY_ARN, retention_in_days: 365 });
    expect(json).toHaveResourceWithProperties(FlowLog, {
      traffic_type: "ALL",
      log_destination_type: "cloud-watch-logs",
      log_destination: expect.stringMatching(/aws_cloudwatch_log_group\..+\.arn/),
      iam_role_arn: expect.stringMatching(/aws_iam_role\..+\.arn/),
      // Created only once the role may write, or the first deliveries are denied.
      depends_on: [expect.stringMatching(/^aws_iam_role_policy\./)],
    });
  });

  it("lets only the flow-logs service acting for this account assume the delivery role", () => {
    expect(synth()).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        expect.objectContaining({
          principals: [{ type: "Service", identifiers: ["vpc-flow-logs.amazonaws.com"] }],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ["111122223333"] }],
        }),
      ],
    });
  });

  it("lets the delivery role write to its own log group only", () => {
    const statements = Object.values(primary.data.aws_iam_policy_document).flatMap(
      (document) => document.statement as { sid: string; actions: string[]; resources?: string[] }[],
    );
    const write = statements.find((statement) => statement.sid === "WriteThisLogGroup");
    expect(write?.resources).toEqual([
      expect.stringMatching(/^\$\{aws_cloudwatch_log_group\..+\.arn\}$/),
      expect.stringMatching(/^\$\{aws_cloudwatch_log_group\..+\.arn\}:\*$/),
    ]);
    expect(statements.flatMap((statement) => statement.actions)).not.toContain("logs:CreateLogGroup");
  });

  it("closes the VPC's default security group: no ingress, no egress", () => {
    const [defaultGroup] = Object.values(primary.resource.aws_default_security_group);
    expect(defaultGroup.vpc_id).toMatch(/aws_vpc\./);
    expect(defaultGroup).not.toHaveProperty("ingress");
    expect(defaultGroup).not.toHaveProperty("egress");
  });

  test.each<[string, Partial<NetworkProps>, RegExp]>([
    ["one AZ", { availabilityZoneIds: ["use2-az1"] }, /availabilityZoneIds: has 1 zone\(s\) \[use2-az1\].*at least 2/],
    [
      "an AZ number without a slot",
      { availabilityZoneIds: ["use1-az1", "use1-az5"] },
      /"use1-az5" is not an AZ ID numbered 1 to 4/,
    ],
    [
      "a bad CIDR",
      { vpcCidr: "10.0.0.0/8" },
      /vpcCidr: "10\.0\.0\.0\/8" is a \/8; use \/16 to \/24 so every tier gets at least a \/28/,
    ],
    [
      "an unknown NAT placement",
      { natGateways: "none" as "single" },
      /natGateways: must be one of perAz, single.*got "none"/,
    ],
    [
      "a retention CloudWatch refuses",
      { logRetentionDays: 10 },
      /retentionDays: must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 54.*got 10/,
    ],
  ])("rejects %s", (_case, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
