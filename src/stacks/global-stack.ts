import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import type { Construct } from "constructs";
import { EDGE_REGION } from "../modules/edge/limits";
import { AlarmTopic } from "../modules/observability/alarm-topic";
import type { EdgeAlarms } from "../modules/observability/edge-alarms";
import { RegionalKey } from "../modules/security/kms-key";
import { buildEdgeAlarms } from "./global/alarms";
import type { GlobalContext } from "./global/context";
import { buildEdge, type GlobalEdge } from "./global/edge";
import { buildFailover, type GlobalFailover } from "./global/failover";
import { addGlobalOutputs } from "./global/outputs";
import { awsProvider, TitanStack, type TitanStackProps } from "./stack-base";

/**
 * The global edge: Route 53 health checks and failover records, CloudFront with its WAF and
 * certificate, and their alarms (origin health, refused viewers).
 *
 * Its one provider is us-east-1: CloudFront accepts web ACLs and certificates only from there, and
 * Route 53 publishes health-check metrics only there. Its state lives in the DR region's bucket.
 * It must plan and apply while us-east-2 is down, which is when failover matters: it has no
 * us-east-2 provider, reads no regional state, and knows its targets from config (each region's
 * own origin name, `<role>.origin.<apiHostname>`, which the regional stacks own). It deploys after
 * `primary` and `dr`: alias targets must exist, and primary writes the origin-verify secret's
 * us-east-1 replica that CloudFront's header comes from.
 */
export class GlobalStack extends TitanStack {
  readonly context: GlobalContext;
  readonly alarmTopic: AlarmTopic;
  readonly failover: GlobalFailover;
  readonly edge: GlobalEdge;
  readonly edgeAlarms: EdgeAlarms;

  constructor(scope: Construct, id: string, props: TitanStackProps) {
    super(scope, id, props.config, { nameScope: "global", stateRole: "dr", backend: props.backend });
    const { config } = props;
    awsProvider(this, config, { region: EDGE_REGION, scope: "global" });

    const accountId = new DataAwsCallerIdentity(this, "Account").accountId;
    const key = new RegionalKey(this, "EdgeKey", {
      aliasName: this.namer.name("edge"),
      description: `titan global edge (${EDGE_REGION}): health-check alarm topic, WAF logs`,
      region: EDGE_REGION,
      accountId,
    });
    this.alarmTopic = new AlarmTopic(this, "AlarmTopic", {
      namer: this.namer,
      kmsKeyArn: key.arn,
      accountId,
      emailAddresses: config.observability.alarmEmails,
    });
    this.context = { config, namer: this.namer, accountId, key, alarmTopic: this.alarmTopic };
    this.failover = buildFailover(this, this.context);
    this.edge = buildEdge(this, this.context);
    this.edgeAlarms = buildEdgeAlarms(this, this.context, this.edge);
    addGlobalOutputs(this);
  }
}
