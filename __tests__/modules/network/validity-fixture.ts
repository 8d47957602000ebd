import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { OriginPrefixLists } from "../../../src/modules/edge/origin-prefix-lists";
import { VpcEndpoints } from "../../../src/modules/network/endpoints";
import { Network } from "../../../src/modules/network/network";
import { TierSecurityGroups } from "../../../src/modules/security/security-groups";
import { Namer } from "../../../src/naming";

/** The primary region's network, endpoints and tier security groups, wired as the regional stack wires them. */
export function networkStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "network");
  new AwsProvider(stack, "aws", { region: "us-east-2" });
  const namer = new Namer("titan", "primary");
  const vpcCidr = "10.0.0.0/16";
  const network = new Network(stack, "Network", {
    namer,
    vpcCidr,
    availabilityZoneIds: ["use2-az1", "use2-az2", "use2-az3"],
    flowLogKmsKeyArn: "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    logRetentionDays: 90,
    accountId: "111122223333",
  });
  new VpcEndpoints(stack, "Endpoints", {
    namer,
    vpcId: network.vpcId,
    vpcCidr,
    region: "us-east-2",
    subnetIds: network.privateSubnetIds,
    routeTableIds: [...network.privateRouteTableIds, network.dataRouteTableId],
  });
  const prefixLists = new OriginPrefixLists(stack, "OriginPrefixLists", { region: "us-east-2" });
  new TierSecurityGroups(stack, "SecurityGroups", {
    namer,
    vpcId: network.vpcId,
    appPort: 5000,
    cloudFrontPrefixListId: prefixLists.cloudFrontId,
    healthCheckerPrefixListId: prefixLists.healthCheckersId,
  });
  return stack;
}
