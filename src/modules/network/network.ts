import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsAvailabilityZone } from "@cdktf/provider-aws/lib/data-aws-availability-zone";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { PropChecks } from "../../validation/prop-checks";
import { VpcFlowLogs } from "./flow-logs";
import { planSubnets, subnetPlanProblems, type ZoneSubnetPlan } from "./subnet-plan";

export type NatGatewayPlacement = "perAz" | "single";

export interface NetworkProps {
  readonly namer: Namer;
  /** /16 to /24; split into private, public and data tiers by {@link planSubnets}. */
  readonly vpcCidr: string;
  /**
   * Zones in the region (at least 2) by AZ ID, e.g. `use2-az1`: an ID names the same physical zone in
   * every account, a name (`us-east-2a`) does not. Each zone's resources live under its ID.
   */
  readonly availabilityZoneIds: readonly string[];
  /**
   * Where private subnets reach the internet.
   * @default "perAz" - one NAT gateway per AZ, so losing an AZ never cuts the others' egress
   */
  readonly natGateways?: NatGatewayPlacement;
  /** Customer key encrypting the flow log group. */
  readonly flowLogKmsKeyArn: string;
  /** Days the flow log group keeps records; a value CloudWatch Logs accepts. */
  readonly logRetentionDays: number;
  /** Account owning the VPC, for the flow-logs role's confused-deputy guard. */
  readonly accountId: string;
  /**
   * Fail the plan unless the account has each zone, available (an `aws_availability_zone` lookup
   * per zone), instead of failing the first apply at subnet creation. The lookup calls EC2, so a
   * plan without AWS credentials needs it off.
   * @default true
   */
  readonly verifyZonesOffered?: boolean;
}

/** The three subnets of one Availability Zone. */
export interface ZoneSubnets {
  readonly public: Subnet;
  readonly private: Subnet;
  readonly data: Subnet;
}

/**
 * A region's VPC: public, private (app) and data subnets in each Availability Zone, NAT egress,
 * flow logs and subnet groups for Aurora and ElastiCache.
 *
 * Subnets are created by AZ ID (`availability_zone_id`), because zone names are mapped per account;
 * whatever needs a zone name (Aurora instance placement, Redis preferred zones) reads it from the
 * data subnets, so it is the name this account gives that zone. Each AZ's resources sit under a
 * construct named by its AZ ID, and subnet CIDRs come from the AZ number, so adding or removing an
 * AZ leaves every other AZ's resources untouched. The data
 * tier has no internet route at all: Aurora and Redis only answer the app. Nothing gets a public
 * IP implicitly, and the VPC's default security group is stripped of its rules so nothing falls
 * back to it.
 */
export class Network extends Construct {
  readonly vpc: Vpc;
  readonly vpcId: string;
  readonly plan: readonly ZoneSubnetPlan[];
  /** Subnets by AZ ID. */
  readonly zones: Readonly<Record<string, ZoneSubnets>>;
  /** In the order of `availabilityZoneIds`, as are the other lists. */
  readonly publicSubnetIds: string[];
  readonly privateSubnetIds: string[];
  readonly dataSubnetIds: string[];
  /**
   * The account's names of the data subnets' zones (`us-west-1b`...), known after the subnets exist:
   * Aurora instances and Redis nodes are placed by name.
   */
  readonly dataZoneNames: string[];
  /** Load balancers in the public subnets need it attached before they are created. */
  readonly internetGateway: InternetGateway;
  readonly natGateways: readonly NatGateway[];
  readonly publicRouteTableId: string;
  readonly privateRouteTableIds: string[];
  readonly dataRouteTableId: string;
  readonly dbSubnetGroupName: string;
  readonly cacheSubnetGroupName: string;
  readonly flowLogGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const natPlacement = props.natGateways ?? "perAz";
    new PropChecks(this)
      .oneOf("natGateways", natPlacement, ["perAz", "single"])
      .require(
        props.availabilityZoneIds.length >= 2,
        "availabilityZoneIds",
        `has ${props.availabilityZoneIds.length} zone(s) [${props.availabilityZoneIds.join(", ")}]; Aurora and ElastiCache subnet groups and Multi-AZ failover need at least 2`,
      )
      .add(subnetPlanProblems(props.vpcCidr, props.availabilityZoneIds))
      .throwIfAny();
    this.plan = planSubnets(props.vpcCidr, props.availabilityZoneIds);
    const verifyZonesOffered = props.verifyZonesOffered ?? true;
    const { namer } = props;

    this.vpc = new Vpc(this, "Resource", {
      cidrBlock: props.vpcCidr,
      // Private hosted zones and interface endpoints' private DNS need both.
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: namer.name("vpc") },
    });
    this.vpcId = this.vpc.id;
    const vpcId = this.vpcId;

    new DefaultSecurityGroup(this, "DefaultSecurityGroup", {
      vpcId,
      tags: { Name: namer.name("default-closed") },
    });

    this.internetGateway = new InternetGateway(this, "InternetGateway", {
      vpcId,
      tags: { Name: namer.name("igw") },
    });
    const publicRouteTable = new RouteTable(this, "PublicRouteTable", {
      vpcId,
      tags: { Name: namer.name("public") },
    });
    new Route(this, "PublicInternetRoute", {
      routeTableId: publicRouteTable.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: this.internetGateway.id,
    });
    const dataRouteTable = new RouteTable(this, "DataRouteTable", {
      vpcId,
      tags: { Name: namer.name("data") },
    });

    const zones: Record<string, ZoneSubnets> = {};
    const natGateways: NatGateway[] = [];
    const privateRouteTables: RouteTable[] = [];
    for (const [index, zonePlan] of this.plan.entries()) {
      const zone = new Construct(this, zonePlan.zoneId);
      if (verifyZonesOffered) {
        new DataAwsAvailabilityZone(zone, "Offered", { zoneId: zonePlan.zoneId, state: "available" });
      }
      const subnets = this.zoneSubnets(zone, zonePlan, namer, vpcId);
      zones[zonePlan.zoneId] = subnets;

      new RouteTableAssociation(zone, "PublicRouteTableAssociation", {
        subnetId: subnets.public.id,
        routeTableId: publicRouteTable.id,
      });
      new RouteTableAssociation(zone, "DataRouteTableAssociation", {
        subnetId: subnets.data.id,
        routeTableId: dataRouteTable.id,
      });
      // A single NAT gateway lives in the first zone and serves every zone's private subnets.
      const natGateway =
        natPlacement === "perAz" || index === 0
          ? this.natGateway(zone, zonePlan.zoneId, subnets.public, namer)
          : natGateways[0];
      if (!natGateways.includes(natGateway)) {
        natGateways.push(natGateway);
      }
      const privateRouteTable = new RouteTable(zone, "PrivateRouteTable", {
        vpcId,
        tags: { Name: namer.name(`private-${zonePlan.zoneId}`) },
      });
      new Route(zone, "PrivateNatRoute", {
        routeTableId: privateRouteTable.id,
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: natGateway.id,
      });
      new RouteTableAssociation(zone, "PrivateRouteTableAssociation", {
        subnetId: subnets.private.id,
        routeTableId: privateRouteTable.id,
      });
      privateRouteTables.push(privateRouteTable);
    }

    this.zones = zones;
    this.natGateways = natGateways;
    const inOrder = this.plan.map((zonePlan) => zones[zonePlan.zoneId]);
    this.publicSubnetIds = inOrder.map((subnets) => subnets.public.id);
    this.privateSubnetIds = inOrder.map((subnets) => subnets.private.id);
    this.dataSubnetIds = inOrder.map((subnets) => subnets.data.id);
    this.dataZoneNames = inOrder.map((subnets) => subnets.data.availabilityZone);
    this.publicRouteTableId = publicRouteTable.id;
    this.privateRouteTableIds = privateRouteTables.map((table) => table.id);
    this.dataRouteTableId = dataRouteTable.id;

    this.dbSubnetGroupName = new DbSubnetGroup(this, "DbSubnetGroup", {
      name: namer.name("data"),
      description: "Data subnets for Aurora: no internet route",
      subnetIds: this.dataSubnetIds,
    }).name;
    this.cacheSubnetGroupName = new ElasticacheSubnetGroup(this, "CacheSubnetGroup", {
      name: namer.name("data"),
      description: "Data subnets for ElastiCache: no internet route",
      subnetIds: this.dataSubnetIds,
    }).name;

    this.flowLogGroup = new VpcFlowLogs(this, "FlowLogs", {
      namer,
      vpcId,
      kmsKeyArn: props.flowLogKmsKeyArn,
      retentionDays: props.logRetentionDays,
      accountId: props.accountId,
    }).logGroup;
  }

  private zoneSubnets(zone: Construct, plan: ZoneSubnetPlan, namer: Namer, vpcId: string): ZoneSubnets {
    const subnet = (id: string, tier: string, cidrBlock: string, tags: Record<string, string>) =>
      new Subnet(zone, id, {
        vpcId,
        availabilityZoneId: plan.zoneId,
        cidrBlock,
        mapPublicIpOnLaunch: false,
        tags: { Name: namer.name(`${tier}-${plan.zoneId}`), Tier: tier, ...tags },
      });
    return {
      // EKS and the AWS Load Balancer Controller find subnets for internet-facing and internal
      // load balancers by these role tags.
      public: subnet("PublicSubnet", "public", plan.public, { "kubernetes.io/role/elb": "1" }),
      private: subnet("PrivateSubnet", "private", plan.private, { "kubernetes.io/role/internal-elb": "1" }),
      data: subnet("DataSubnet", "data", plan.data, {}),
    };
  }

  private natGateway(zone: Construct, zoneId: string, publicSubnet: Subnet, namer: Namer): NatGateway {
    // An EIP and a NAT gateway need the internet gateway attached first (AWS documents this order).
    const eip = new Eip(zone, "NatEip", {
      domain: "vpc",
      tags: { Name: namer.name(`nat-${zoneId}`) },
      dependsOn: [this.internetGateway],
    });
    return new NatGateway(zone, "NatGateway", {
      allocationId: eip.allocationId,
      subnetId: publicSubnet.id,
      tags: { Name: namer.name(`nat-${zoneId}`) },
      dependsOn: [this.internetGateway],
    });
  }
}
