import type { Construct } from "constructs";
import { OriginPrefixLists } from "../../modules/edge/origin-prefix-lists";
import { VpcEndpoints } from "../../modules/network/endpoints";
import { Network } from "../../modules/network/network";
import { TierSecurityGroups } from "../../modules/security/security-groups";
import { buildFromConfig } from "../from-config";
import type { RegionContext, RegionFoundation } from "./context";

/**
 * The region's VPC (subnets per AZ ID, NAT, flow logs), its interface and gateway endpoints, and
 * the tier security groups: the ALB admits only CloudFront's origin-facing servers and the
 * region's Route 53 health checkers, the app only the ALB, the data tier only the app.
 */
export function buildFoundation(scope: Construct, ctx: RegionContext): RegionFoundation {
  const { config, namer, region } = ctx;
  const network = buildFromConfig(
    Network,
    scope,
    "Network",
    {
      namer,
      vpcCidr: region.vpcCidr,
      availabilityZoneIds: region.availabilityZones,
      natGateways: region.natGateways,
      flowLogKmsKeyArn: ctx.key.arn,
      logRetentionDays: config.observability.logRetentionDays,
      accountId: ctx.accountId,
    },
    {
      vpcCidr: `regions.${ctx.role}.vpcCidr`,
      availabilityZoneIds: `regions.${ctx.role}.availabilityZones`,
      natGateways: `regions.${ctx.role}.natGateways`,
      logRetentionDays: "observability.logRetentionDays",
    },
  );
  new VpcEndpoints(scope, "Endpoints", {
    namer,
    vpcId: network.vpcId,
    vpcCidr: region.vpcCidr,
    region: region.region,
    subnetIds: network.privateSubnetIds,
    routeTableIds: [...network.privateRouteTableIds, network.dataRouteTableId],
  });
  const edgeSources = new OriginPrefixLists(scope, "OriginPrefixLists", { region: region.region });
  const securityGroups = buildFromConfig(
    TierSecurityGroups,
    scope,
    "SecurityGroups",
    {
      namer,
      vpcId: network.vpcId,
      appPort: config.app.port,
      cloudFrontPrefixListId: edgeSources.cloudFrontId,
      healthCheckerPrefixListId: edgeSources.healthCheckersId,
    },
    { appPort: "app.port" },
  );
  return { network, securityGroups };
}
