import { ElasticacheGlobalReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-global-replication-group";
import {
  ElasticacheReplicationGroup,
  type ElasticacheReplicationGroupConfig,
} from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { Token } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { EncryptedLogGroup } from "../observability/log-group";
import { isLogRetentionDays, LOG_RETENTION_DAYS } from "../observability/log-retention";

/** How the replication group takes part in a Global Datastore (cross-region replication). */
export type RedisMembership =
  /** A regional cache on its own. */
  | { readonly kind: "standalone" }
  /** The writer of a new Global Datastore, which this construct also creates. */
  | { readonly kind: "global-primary" }
  /** A read-only member in another region, promoted on failover; it inherits engine and encryption. */
  | { readonly kind: "global-secondary"; readonly globalReplicationGroupId: string };

export interface RedisReplicationGroupProps {
  readonly namer: Namer;
  readonly membership: RedisMembership;
  /** Redis OSS version, e.g. "7.1". A global secondary inherits the datastore's version. */
  readonly engineVersion: string;
  /** Node type, e.g. "cache.r7g.large". A global secondary inherits the datastore's type. */
  readonly nodeType: string;
  /** Nodes: one primary, the rest replicas (1 to 6). */
  readonly nodeCount: number;
  /**
   * Promote a replica when the primary fails, with Multi-AZ placement.
   * @default true
   */
  readonly automaticFailover?: boolean;
  /**
   * AZ names to spread nodes over (read from the data subnets, which are created by AZ ID): node n
   * goes to AZ n mod count, the first node (the primary) to the first.
   */
  readonly availabilityZones: readonly string[];
  readonly subnetGroupName: string;
  readonly securityGroupIds: readonly string[];
  /** The region's customer key, for data at rest, snapshots included. */
  readonly kmsKeyArn: string;
  /** From `RedisAccessControl.userGroupId`: RBAC with IAM authentication. */
  readonly userGroupId: string;
  /** Days daily snapshots are kept (1 to 35). @default 7 */
  readonly snapshotRetentionDays?: number;
  /** Days slow and engine logs are kept, a CloudWatch Logs retention value. @default 90 */
  readonly logRetentionDays?: number;
  /** Key encrypting the log groups: the region's customer key, which CloudWatch Logs may use. */
  readonly logKmsKeyArn: string;
}

/** Node families a Global Datastore accepts, large and above. */
const GLOBAL_NODE_TYPE = /^cache\.(m5|m6g|m7g|r5|r6g|r6gd|r7g|c7gn)\.(large|\d*xlarge)$/;

/**
 * A Redis OSS replication group (cluster mode off), encrypted at rest with the region's key and in
 * transit with TLS required, bound to an RBAC user group, with slow and engine logs in encrypted
 * CloudWatch log groups.
 *
 * Why at least two nodes across AZs by default: Multi-AZ automatic failover needs a replica to
 * promote, and a replica in the primary's AZ dies with it. Why the secondary omits engine, version,
 * node type and encryption settings: a Global Datastore member inherits them, and AWS (and the
 * provider) reject them on a secondary. The Global Datastore id is `<AWS prefix>-<suffix>`, known
 * only after apply, so the DR stack reads it from the primary's output.
 */
export class RedisReplicationGroup extends Construct {
  readonly replicationGroup: ElasticacheReplicationGroup;
  readonly primaryEndpoint: string;
  readonly readerEndpoint: string;
  readonly arn: string;
  /** The replication group's id (a name chosen here, so known at synth time). */
  readonly replicationGroupId: string;
  /**
   * Ids of the member nodes, `<group>-001` upward as ElastiCache names them: per-node metrics
   * (CPU, memory, replication lag) are published under these.
   */
  readonly memberClusterIds: readonly string[];
  /** The Global Datastore's id, for the DR stack; set only on a global primary. */
  readonly globalReplicationGroupId?: string;

  constructor(scope: Construct, id: string, props: RedisReplicationGroupProps) {
    super(scope, id);
    const automaticFailover = props.automaticFailover ?? true;
    const snapshotRetentionDays = props.snapshotRetentionDays ?? 7;
    const logRetentionDays = props.logRetentionDays ?? 90;
    const { membership, nodeCount, availabilityZones } = props;
    const name = props.namer.name("redis", "elasticache");
    validate(props, automaticFailover, snapshotRetentionDays, logRetentionDays, name);

    const logGroups = {
      slow: new EncryptedLogGroup(this, "SlowLog", {
        logGroupName: `/aws/elasticache/${name}/slow-log`,
        retentionDays: logRetentionDays,
        kmsKeyArn: props.logKmsKeyArn,
      }),
      engine: new EncryptedLogGroup(this, "EngineLog", {
        logGroupName: `/aws/elasticache/${name}/engine-log`,
        retentionDays: logRetentionDays,
        kmsKeyArn: props.logKmsKeyArn,
      }),
    };

    const common: ElasticacheReplicationGroupConfig = {
      replicationGroupId: name,
      description: `Redis cache of ${name}`,
      numCacheClusters: nodeCount,
      automaticFailoverEnabled: automaticFailover,
      multiAzEnabled: automaticFailover,
      preferredCacheClusterAzs: Array.from(
        { length: nodeCount },
        (_, n) => availabilityZones[n % availabilityZones.length],
      ),
      subnetGroupName: props.subnetGroupName,
      securityGroupIds: [...props.securityGroupIds],
      kmsKeyId: props.kmsKeyArn,
      userGroupIds: [props.userGroupId],
      snapshotRetentionLimit: snapshotRetentionDays,
      // ElastiCache refuses any change to log delivery unless it is applied immediately, and with
      // the default (false) a pending change also plans again on every run
      // (terraform-provider-aws #49842, #49270). A cache change waits for no maintenance window.
      applyImmediately: true,
      logDeliveryConfiguration: [
        {
          logType: "slow-log",
          destinationType: "cloudwatch-logs",
          destination: logGroups.slow.name,
          logFormat: "json",
        },
        {
          logType: "engine-log",
          destinationType: "cloudwatch-logs",
          destination: logGroups.engine.name,
          logFormat: "json",
        },
      ],
    };

    this.replicationGroup = new ElasticacheReplicationGroup(this, "Resource", {
      ...common,
      ...(membership.kind === "global-secondary"
        ? { globalReplicationGroupId: membership.globalReplicationGroupId }
        : {
            engine: "redis",
            engineVersion: props.engineVersion,
            nodeType: props.nodeType,
            // The provider types this argument as a string.
            atRestEncryptionEnabled: "true",
            transitEncryptionEnabled: true,
            transitEncryptionMode: "required",
          }),
    });

    if (membership.kind === "global-primary") {
      const global = new ElasticacheGlobalReplicationGroup(this, "Global", {
        // The datastore spans regions, so its name carries the global scope.
        globalReplicationGroupIdSuffix: props.namer.forScope("global").name("redis", "elasticache"),
        globalReplicationGroupDescription: `Global Datastore of ${name}`,
        primaryReplicationGroupId: this.replicationGroup.id,
      });
      this.globalReplicationGroupId = global.globalReplicationGroupId;
    }

    this.replicationGroupId = name;
    this.memberClusterIds = Array.from(
      { length: nodeCount },
      (_, index) => `${name}-${String(index + 1).padStart(3, "0")}`,
    );
    this.primaryEndpoint = this.replicationGroup.primaryEndpointAddress;
    this.readerEndpoint = this.replicationGroup.readerEndpointAddress;
    this.arn = this.replicationGroup.arn;
  }
}

function validate(
  props: RedisReplicationGroupProps,
  automaticFailover: boolean,
  snapshotRetentionDays: number,
  logRetentionDays: number,
  name: string,
): void {
  const problem = (message: string) => new Error(`RedisReplicationGroup ${name}: ${message}`);
  const { nodeCount, availabilityZones, engineVersion, nodeType, membership } = props;
  if (!Number.isInteger(nodeCount) || nodeCount < 1 || nodeCount > 6) {
    throw problem(`nodeCount must be 1 to 6 (a primary and up to five replicas), got ${nodeCount}`);
  }
  if (automaticFailover && nodeCount < 2) {
    throw problem(
      `nodeCount must be 2 or more with automaticFailover, got ${nodeCount}: add a replica or set automaticFailover to false`,
    );
  }
  if (availabilityZones.length === 0) {
    throw problem("availabilityZones must list at least one AZ, got none");
  }
  if (automaticFailover && new Set(availabilityZones).size < 2) {
    throw problem(
      `availabilityZones must hold 2 or more distinct AZs with automaticFailover (a replica in the primary's AZ fails with it), got ${JSON.stringify(availabilityZones)}`,
    );
  }
  if (!Number.isInteger(snapshotRetentionDays) || snapshotRetentionDays < 1 || snapshotRetentionDays > 35) {
    throw problem(`snapshotRetentionDays must be 1 to 35 (ElastiCache's limit), got ${snapshotRetentionDays}`);
  }
  if (!isLogRetentionDays(logRetentionDays)) {
    throw problem(
      `logRetentionDays must be one of CloudWatch Logs' values (${LOG_RETENTION_DAYS.join(", ")}), got ${logRetentionDays}`,
    );
  }
  const major = Token.isUnresolved(engineVersion) ? undefined : Number.parseInt(engineVersion, 10);
  if (major !== undefined && !(major >= 7)) {
    throw problem(`engineVersion must be 7.0 or later for IAM authentication, got "${engineVersion}"`);
  }
  if (membership.kind !== "standalone" && !Token.isUnresolved(nodeType) && !GLOBAL_NODE_TYPE.test(nodeType)) {
    throw problem(
      `nodeType must be an m5, m6g, m7g, r5, r6g, r6gd, r7g or c7gn type, large or above, in a Global Datastore, got "${nodeType}"`,
    );
  }
}
