import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import type { Construct } from "constructs";
import type { RegionRole } from "../../config";
import { EksCluster } from "../../modules/compute/eks-cluster";
import { OriginPrefixLists } from "../../modules/edge/origin-prefix-lists";
import { VpcEndpoints } from "../../modules/network/endpoints";
import { VpcFlowLogArchive } from "../../modules/network/flow-log-archive";
import { Network } from "../../modules/network/network";
import type { AlarmTopic } from "../../modules/observability/alarm-topic";
import { GrafanaAdminCredentials } from "../../modules/observability/grafana-admin-credentials";
import { autoscalingEbsKeyStatements } from "../../modules/security/autoscaling-key-access";
import { RegionalKey } from "../../modules/security/kms-key";
import { logDeliveryKeyStatements } from "../../modules/security/log-delivery-key-access";
import { TierSecurityGroups } from "../../modules/security/security-groups";
import { awsProvider, TitanStack, type TitanStackProps } from "../stack-base";
import { buildCompute, type RegionalCompute } from "./compute";
import { dataKeyAlias, type RegionContext } from "./context";
import { buildDataTier, type DataTier, databaseHostname } from "./data-tier";
import { buildDelivery, type RegionalDelivery } from "./delivery";
import { handOffToDr } from "./handoff";
import { buildAppLogs, buildObservability } from "./observability";
import { addRegionalOutputs } from "./outputs";
import { buildStorage, type RegionalStorage } from "./storage";
import { buildWeb, type RegionalWeb } from "./web";

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
  readonly delivery: RegionalDelivery;
  readonly compute: RegionalCompute;
  readonly web: RegionalWeb;
  readonly alarmTopic: AlarmTopic;

  constructor(scope: Construct, id: string, props: RegionalStackProps) {
    super(scope, id, props.config, { nameScope: props.role, stateRole: props.role, backend: props.backend });
    const { config, role } = props;
    const region = config.regions[role];
    this.role = role;
    awsProvider(this, config, { region: region.region, scope: role });

    const accountId = new DataAwsCallerIdentity(this, "Account").accountId;
    const key = new RegionalKey(this, "DataKey", {
      aliasName: dataKeyAlias(this.namer),
      description: `titan ${role} (${region.region}): Aurora, Redis, secrets, logs, EBS, ECR, SNS, backups, S3`,
      region: region.region,
      accountId,
      // EKS nodes and the EC2 web tier launch CMK-encrypted volumes through Auto Scaling; flow
      // logs are delivered into the CMK-encrypted log archive.
      additionalStatements: [
        ...autoscalingEbsKeyStatements(accountId),
        ...logDeliveryKeyStatements(accountId, region.region),
      ],
    });
    const ctx: RegionContext = { config, role, region, namer: this.namer, accountId, key };
    this.context = ctx;

    this.network = new Network(this, "Network", {
      namer: this.namer,
      vpcCidr: region.vpcCidr,
      availabilityZoneIds: region.availabilityZones,
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
    const edgeSources = new OriginPrefixLists(this, "OriginPrefixLists", { region: region.region });
    this.securityGroups = new TierSecurityGroups(this, "SecurityGroups", {
      namer: this.namer,
      vpcId: this.network.vpcId,
      appPort: config.app.port,
      cloudFrontPrefixListId: edgeSources.cloudFrontId,
      healthCheckerPrefixListId: edgeSources.healthCheckersId,
    });

    this.dataTier = buildDataTier(this, ctx, this.network, this.securityGroups);
    if (role === "primary") {
      handOffToDr(this, ctx, this.dataTier);
    }
    this.storage = buildStorage(this, ctx, this.dataTier.aurora.arn);
    new VpcFlowLogArchive(this, "FlowLogArchive", {
      namer: this.namer,
      vpcId: this.network.vpcId,
      bucketArn: this.storage.logArchive.bucket.arn,
      bucketPolicy: this.storage.logArchive.policy,
    });

    const clusterName = EksCluster.clusterNameFor(this.namer);
    const appLogs = buildAppLogs(this, ctx);
    const dbHost = databaseHostname(config.domain.internalZoneName);
    this.web = buildWeb(this, ctx, {
      network: this.network,
      groups: this.securityGroups,
      albLogs: this.storage.albLogs,
      dataTier: this.dataTier,
      dbHost,
      dbName: config.database.databaseName,
      dbUser: config.database.appUsername,
      appLogGroupName: appLogs.logGroupName,
    });
    this.delivery = buildDelivery(this, ctx, this.network, clusterName, {
      targetGroupArn: this.web.alb.podTargetGroup.arn,
      dbHost,
      cacheHost: this.dataTier.redis.primaryEndpoint,
      cacheUser: this.dataTier.redisAccess.appUserId,
      cacheReplicationGroupId: this.dataTier.redis.replicationGroupId,
    });
    this.compute = buildCompute(this, ctx, {
      network: this.network,
      groups: this.securityGroups,
      dataTier: this.dataTier,
      clusterName,
      deployRoleArn: this.delivery.deploy.roleArn,
      deploySecurityGroupId: this.delivery.deploy.securityGroupId,
    });
    this.alarmTopic = buildObservability(this, ctx, this.dataTier, this.web);
    new GrafanaAdminCredentials(this, "GrafanaAdmin", {
      namer: this.namer,
      kmsKeyArn: key.arn,
      passwordVersion: config.kubernetes.platform.grafana.adminPasswordVersion,
    });
    addRegionalOutputs(this);
  }
}
