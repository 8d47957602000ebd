import { ElasticacheGlobalReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-global-replication-group";
import {
  ElasticacheReplicationGroup,
  type ElasticacheReplicationGroupConfig,
} from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { PropChecks } from "../../validation/prop-checks";
import { EncryptedLogGroup } from "../observability/log-group";
import { LOG_RETENTION_DAYS } from "../observability/log-retention";
import type { Metric } from "../observability/metric";
import type { Grantable } from "../security/grants";
import {
  CACHE_ENGINE_VERSION,
  CACHE_NODE_TYPE,
  CACHE_NODES,
  CACHE_SNAPSHOT_RETENTION_DAYS,
  GLOBAL_DATASTORE_NODE_TYPE,
  iamEngineVersionProblem,
} from "./limits";

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
    validate(this, props, { automaticFailover, snapshotRetentionDays, logRetentionDays });

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

  /**
   * Lets `grantee` connect as the ElastiCache user `userArn` with IAM authentication
   * (`RedisAccessControl.appUserArn`): a token signed with its own credentials, no password.
   * ElastiCache authorizes `elasticache:Connect` on both the replication group and the user.
   */
  grantConnect(grantee: Grantable, userArn: string): void {
    grantee.addToPolicy({ sid: "ConnectToRedis", actions: ["elasticache:Connect"], resources: [this.arn, userArn] });
  }

  /**
   * A metric once per node (AWS/ElastiCache, by `CacheClusterId`): ElastiCache publishes engine CPU,
   * memory and replication lag per node, not per replication group.
   */
  metricPerNode(metricName: string, stat: string): Metric[] {
    return cacheNodeMetrics(this.memberClusterIds, metricName, stat);
  }
}

/** The metrics `RedisReplicationGroup.metricPerNode` gives, for nodes known by their ids. */
export function cacheNodeMetrics(memberClusterIds: readonly string[], metricName: string, stat: string): Metric[] {
  return memberClusterIds.map((cacheClusterId) => ({
    namespace: "AWS/ElastiCache",
    metricName,
    dimensions: { CacheClusterId: cacheClusterId },
    stat,
  }));
}

function validate(
  scope: Construct,
  props: RedisReplicationGroupProps,
  resolved: { automaticFailover: boolean; snapshotRetentionDays: number; logRetentionDays: number },
): void {
  const { nodeCount, availabilityZones, engineVersion, nodeType, membership } = props;
  const checks = new PropChecks(scope)
    .wholeNumber("nodeCount", nodeCount, CACHE_NODES)
    .require(
      !resolved.automaticFailover || nodeCount >= 2,
      "nodeCount",
      `must be 2 or more with automaticFailover, got ${nodeCount}: add a replica or set automaticFailover to false`,
    )
    .notEmpty("availabilityZones", availabilityZones, "at least one AZ")
    .require(
      !resolved.automaticFailover || new Set(availabilityZones).size >= 2,
      "availabilityZones",
      () =>
        `must hold 2 or more distinct AZs with automaticFailover (a replica in the primary's AZ fails with it), got ${JSON.stringify(availabilityZones)}`,
    )
    .wholeNumber("snapshotRetentionDays", resolved.snapshotRetentionDays, CACHE_SNAPSHOT_RETENTION_DAYS)
    .oneOf("logRetentionDays", resolved.logRetentionDays, LOG_RETENTION_DAYS)
    .matches("engineVersion", engineVersion, CACHE_ENGINE_VERSION)
    .satisfies("engineVersion", engineVersion, iamEngineVersionProblem)
    .matches("nodeType", nodeType, CACHE_NODE_TYPE);
  if (membership.kind !== "standalone") {
    checks.matches("nodeType", nodeType, GLOBAL_DATASTORE_NODE_TYPE);
  }
  checks.throwIfAny();
}
