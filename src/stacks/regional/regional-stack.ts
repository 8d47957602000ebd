import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import type { Construct } from "constructs";
import type { RegionRole } from "../../config";
import type { Network } from "../../modules/network/network";
import type { AlarmTopic } from "../../modules/observability/alarm-topic";
import { autoscalingEbsKeyStatements } from "../../modules/security/autoscaling-key-access";
import { RegionalKey } from "../../modules/security/kms-key";
import { logDeliveryKeyStatements } from "../../modules/security/log-delivery-key-access";
import type { TierSecurityGroups } from "../../modules/security/security-groups";
import { awsProvider, TitanStack, type TitanStackProps } from "../stack-base";
import { buildCompute, type RegionalCompute } from "./compute";
import { dataKeyAlias, type RegionContext, type RegionParts } from "./context";
import { buildDataTier, type DataTier } from "./data-tier";
import { buildDelivery, type RegionalDelivery } from "./delivery";
import { handOffToDr } from "./dr-handoff";
import { buildFoundation } from "./foundation";
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

    // Each part takes the parts before it (RegionParts): the order below is the one their types allow.
    const foundation = buildFoundation(this, ctx);
    const dataTier = buildDataTier(this, ctx, { foundation });
    if (role === "primary") {
      handOffToDr(this, ctx, { dataTier });
    }
    const storage = buildStorage(this, ctx, { foundation, dataTier });
    const appLogs = buildAppLogs(this, ctx);
    const web = buildWeb(this, ctx, { foundation, dataTier, storage, appLogs });
    const delivery = buildDelivery(this, ctx, { foundation, dataTier, web });
    const compute = buildCompute(this, ctx, { foundation, dataTier, delivery });
    const observability = buildObservability(this, ctx, { dataTier, web });
    const parts: RegionParts = { foundation, dataTier, storage, appLogs, web, delivery, compute, observability };
    addRegionalOutputs(this, ctx, parts);

    this.network = foundation.network;
    this.securityGroups = foundation.securityGroups;
    this.dataTier = dataTier;
    this.storage = storage;
    this.web = web;
    this.delivery = delivery;
    this.compute = compute;
    this.alarmTopic = observability.alarmTopic;
  }
}
