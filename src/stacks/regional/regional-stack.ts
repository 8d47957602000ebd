import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import type { Construct } from "constructs";
import type { RegionRole } from "../../config";
import { VpcEndpoints } from "../../modules/network/endpoints";
import { Network } from "../../modules/network/network";
import { RegionalKey } from "../../modules/security/kms-key";
import { TierSecurityGroups } from "../../modules/security/security-groups";
import { awsProvider, TitanStack, type TitanStackProps, useS3Backend } from "../stack-base";
import { dataKeyAlias, type RegionContext } from "./context";
import { buildDataTier, type DataTier } from "./data-tier";
import { addRegionalOutputs } from "./outputs";
import { buildStorage, type RegionalStorage } from "./storage";

export interface RegionalStackProps extends TitanStackProps {
  readonly role: RegionRole;
}

/**
 * One region of the birthday app: `primary` (us-east-2) or `dr` (us-west-1). The role decides what
 * differs (the Aurora global cluster lives in primary and DR joins it; DR runs smaller), so both
 * regions are built by the same code and cannot drift apart.
 */
export class RegionalStack extends TitanStack {
  readonly role: RegionRole;
  readonly context: RegionContext;
  readonly network: Network;
  readonly securityGroups: TierSecurityGroups;
  readonly dataTier: DataTier;
  readonly storage: RegionalStorage;

  constructor(scope: Construct, id: string, props: RegionalStackProps) {
    super(scope, id, props.config, props.role);
    const { config, role } = props;
    const region = config.regions[role];
    this.role = role;
    if ((props.backend ?? "s3") === "s3") {
      useS3Backend(this, config, role);
    }
    awsProvider(this, config, { region: region.region, scope: role });

    const accountId = new DataAwsCallerIdentity(this, "Account").accountId;
    const key = new RegionalKey(this, "DataKey", {
      aliasName: dataKeyAlias(this.namer),
      description: `titan ${role} (${region.region}): Aurora, Redis, secrets, logs, EBS, ECR, SNS, backups, S3`,
      region: region.region,
      accountId,
    });
    this.context = { config, role, region, namer: this.namer, accountId, key };

    this.network = new Network(this, "Network", {
      namer: this.namer,
      vpcCidr: region.vpcCidr,
      availabilityZones: region.availabilityZones,
      natGateways: region.natGateways,
      flowLogKmsKeyArn: key.arn,
      logRetentionDays: config.observability.logRetentionDays,
      accountId,
    });
    new VpcEndpoints(this, "Endpoints", {
      namer: this.namer,
      vpcId: this.network.vpcId,
      vpcCidr: region.vpcCidr,
      region: region.region,
      subnetIds: this.network.privateSubnetIds,
      routeTableIds: [...this.network.privateRouteTableIds, this.network.dataRouteTableId],
    });
    this.securityGroups = new TierSecurityGroups(this, "SecurityGroups", {
      namer: this.namer,
      vpcId: this.network.vpcId,
      appPort: config.app.port,
    });

    this.dataTier = buildDataTier(this, this.context, this.network, this.securityGroups);
    this.storage = buildStorage(this, this.context, this.dataTier.aurora.arn);
    addRegionalOutputs(this);
  }
}
