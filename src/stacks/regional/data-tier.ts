import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import type { Construct } from "constructs";
import { type RedisMembership, RedisReplicationGroup } from "../../modules/cache/redis";
import { RedisAccessControl } from "../../modules/cache/redis-access";
import { AuroraCluster } from "../../modules/database/aurora-cluster";
import { AuroraGlobalCluster } from "../../modules/database/aurora-global-cluster";
import { DatabaseCredentials } from "../../modules/database/db-credentials";
import { InternalZone } from "../../modules/dns/internal-zone";
import type { Network } from "../../modules/network/network";
import type { TierSecurityGroups } from "../../modules/security/security-groups";
import { type HandoffKey, handoffParameterName } from "../handoff";
import type { RegionContext } from "./context";

/**
 * The generic names the app connects to; a failover repoints what is behind them, never the app.
 * Redis has none: clients verify its TLS certificate against the ElastiCache endpoint's own name,
 * which an alias would break, and each region's cache is its own (no cross-region repointing).
 */
export const INTERNAL_NAMES = { db: "db", dbReader: "db-reader" } as const;

/** The generic DB name, e.g. `db.titan.internal`: the global writer, wherever it is. */
export function databaseHostname(internalZoneName: string): string {
  return `${INTERNAL_NAMES.db}.${internalZoneName}`;
}

export interface DataTier {
  readonly aurora: AuroraCluster;
  readonly globalCluster?: AuroraGlobalCluster;
  readonly credentials?: DatabaseCredentials;
  readonly redis: RedisReplicationGroup;
  readonly redisAccess: RedisAccessControl;
  readonly zone: InternalZone;
}

/**
 * Aurora (global cluster and primary in primary, the secondary in DR), Redis and the private zone
 * holding the generic names. DR reads the values AWS generates in primary (the global writer
 * endpoint, the Global Datastore id) from the SSM parameters primary writes into DR's region, so
 * DR still plans while the primary region is down.
 */
export function buildDataTier(
  scope: Construct,
  ctx: RegionContext,
  network: Network,
  groups: TierSecurityGroups,
): DataTier {
  const { config, role, namer } = ctx;
  const db = config.database;
  const dbHost = databaseHostname(config.domain.internalZoneName);

  let globalCluster: AuroraGlobalCluster | undefined;
  let credentials: DatabaseCredentials | undefined;
  if (role === "primary") {
    globalCluster = new AuroraGlobalCluster(scope, "AuroraGlobal", {
      identifier: db.globalClusterIdentifier,
      engineVersion: db.engineVersion,
      databaseName: db.databaseName,
      deletionProtection: db.deletionProtection,
    });
    credentials = new DatabaseCredentials(scope, "DatabaseCredentials", {
      namer,
      kmsKeyArn: ctx.key.arn,
      // The DR key does not exist yet when primary is applied first: the replica uses
      // aws/secretsmanager in the DR region (see README, "Secrets").
      replicaRegion: config.regions.dr.region,
      username: db.masterUsername,
      databaseName: db.databaseName,
      host: dbHost,
    });
  }

  const aurora = new AuroraCluster(scope, "Aurora", {
    namer,
    membership:
      credentials === undefined
        ? { kind: "secondary" }
        : {
            kind: "primary",
            masterUsername: db.masterUsername,
            masterPasswordWo: credentials.passwordExpression,
            masterPasswordWoVersion: credentials.passwordVersion,
            databaseName: db.databaseName,
          },
    globalClusterIdentifier: globalCluster?.identifier ?? db.globalClusterIdentifier,
    engineVersion: db.engineVersion,
    instanceClass: db.instanceClass,
    instanceCount: db.instances[role],
    availabilityZones: network.dataZoneNames,
    dbSubnetGroupName: network.dbSubnetGroupName,
    securityGroupIds: [groups.databaseId],
    kmsKeyArn: ctx.key.arn,
    backupRetentionDays: db.backupRetentionDays,
    deletionProtection: db.deletionProtection,
    skipFinalSnapshot: db.skipFinalSnapshot,
    logRetentionDays: config.observability.logRetentionDays,
  });

  const redisAccess = new RedisAccessControl(scope, "RedisAccess", { namer });
  const redis = new RedisReplicationGroup(scope, "Redis", {
    namer,
    membership: redisMembership(scope, ctx),
    engineVersion: config.cache.engineVersion,
    nodeType: config.cache.nodeType,
    nodeCount: config.cache.nodes[role],
    automaticFailover: config.cache.automaticFailover,
    availabilityZones: network.dataZoneNames,
    subnetGroupName: network.cacheSubnetGroupName,
    securityGroupIds: [groups.cacheId],
    kmsKeyArn: ctx.key.arn,
    logKmsKeyArn: ctx.key.arn,
    userGroupId: redisAccess.userGroupId,
    snapshotRetentionDays: config.cache.snapshotRetentionDays,
    logRetentionDays: config.observability.logRetentionDays,
  });

  const globalWriter = globalCluster?.endpoint ?? readHandoff(scope, ctx, "aurora-global-writer-endpoint");
  const zone = new InternalZone(scope, "InternalZone", {
    zoneName: config.domain.internalZoneName,
    vpcId: network.vpcId,
    region: ctx.region.region,
    cnames: {
      [INTERNAL_NAMES.db]: globalWriter,
      [INTERNAL_NAMES.dbReader]: aurora.readerEndpoint,
    },
  });

  return { aurora, globalCluster, credentials, redis, redisAccess, zone };
}

function redisMembership(scope: Construct, ctx: RegionContext): RedisMembership {
  if (!ctx.config.cache.globalDatastore) {
    return { kind: "standalone" };
  }
  if (ctx.role === "primary") {
    return { kind: "global-primary" };
  }
  return {
    kind: "global-secondary",
    globalReplicationGroupId: readHandoff(scope, ctx, "cache-global-replication-group-id"),
  };
}

/** A value primary handed over, read in DR's own region (see HandoffParameters). */
function readHandoff(scope: Construct, ctx: RegionContext, key: HandoffKey): string {
  return new DataAwsSsmParameter(scope, `Handoff-${key}`, { name: handoffParameterName(ctx.config, key) })
    .insecureValue;
}
