import type { Construct } from "constructs";
import { type RegionState, regionState } from "../../config";
import { type RedisMembership, RedisReplicationGroup } from "../../modules/cache/redis";
import { RedisAccessControl } from "../../modules/cache/redis-access";
import { AuroraCluster } from "../../modules/database/aurora-cluster";
import { AuroraGlobalCluster } from "../../modules/database/aurora-global-cluster";
import { DatabaseCredentials } from "../../modules/database/db-credentials";
import { InternalZone } from "../../modules/dns/internal-zone";
import { buildFromConfig } from "../from-config";
import type { RegionContext, RegionParts } from "./context";
import { readHandoff } from "./dr-handoff";

/**
 * The generic names the app connects to; a failover repoints what is behind them, never the app.
 * Redis has none: clients verify its TLS certificate against the ElastiCache endpoint's own name,
 * which an alias would break, and each region's cache is its own (no cross-region repointing).
 */
export const INTERNAL_NAMES = { db: "db", dbReader: "db-reader" } as const;

/**
 * The generic DB name, e.g. `db.titan.internal`: where this region's app reads and writes. It is
 * always an endpoint of the region's own cluster (see {@link databaseTargets}), never one in the
 * other region: the VPCs are not connected, and a name resolving to the other region's private
 * addresses would leave the app without a database exactly when that region is the one still up.
 */
export function databaseHostname(internalZoneName: string): string {
  return `${INTERNAL_NAMES.db}.${internalZoneName}`;
}

/**
 * What the generic names point at in a region. Active (the region holds the Aurora writer): `db` is
 * the cluster endpoint, the writer. Standby: `db` is the region's reader endpoint, and writes sent
 * there are forwarded by Aurora (global write forwarding) to the writer in the other region, with
 * read-your-own-writes within a session (apg_write_forward.consistency_mode SESSION, the default).
 * A standby cluster's own writer endpoint is inactive, so it cannot be the target before the
 * failover; after it, flipping dr.activeRole points `db` at the new writer directly. `db-reader`
 * is always the local reader endpoint.
 */
export function databaseTargets(
  state: RegionState,
  endpoints: { readonly writer: string; readonly reader: string },
): Record<string, string> {
  return {
    [INTERNAL_NAMES.db]: state === "active" ? endpoints.writer : endpoints.reader,
    [INTERNAL_NAMES.dbReader]: endpoints.reader,
  };
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
 * holding the generic names, each on the region's own cluster. DR reads the one value AWS generates
 * in primary that it needs (the Global Datastore id, when that is on) from the SSM parameter
 * primary writes into DR's region, so DR still plans while the primary region is down.
 */
export function buildDataTier(scope: Construct, ctx: RegionContext, parts: Pick<RegionParts, "foundation">): DataTier {
  const { config, role, namer } = ctx;
  const { network, securityGroups: groups } = parts.foundation;
  const db = config.database;
  const dbHost = databaseHostname(config.domain.internalZoneName);

  let globalCluster: AuroraGlobalCluster | undefined;
  let credentials: DatabaseCredentials | undefined;
  if (role === "primary") {
    globalCluster = buildFromConfig(
      AuroraGlobalCluster,
      scope,
      "AuroraGlobal",
      {
        identifier: db.globalClusterIdentifier,
        engineVersion: db.engineVersion,
        databaseName: db.databaseName,
        deletionProtection: db.deletionProtection,
      },
      {
        identifier: "database.globalClusterIdentifier",
        engineVersion: "database.engineVersion",
        databaseName: "database.databaseName",
      },
    );
    credentials = buildFromConfig(
      DatabaseCredentials,
      scope,
      "DatabaseCredentials",
      {
        namer,
        kmsKeyArn: ctx.key.arn,
        // The DR key does not exist yet when primary is applied first: the replica uses
        // aws/secretsmanager in the DR region (see README, "Secrets").
        replicaRegion: config.regions.dr.region,
        username: db.masterUsername,
        databaseName: db.databaseName,
        host: dbHost,
        passwordVersion: db.masterPasswordVersion,
      },
      { passwordVersion: "database.masterPasswordVersion", username: "database.masterUsername" },
    );
  }

  const aurora = buildFromConfig(
    AuroraCluster,
    scope,
    "Aurora",
    {
      namer,
      region: ctx.region.region,
      accountId: ctx.accountId,
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
      // Both clusters carry the bound, so it holds whichever region holds the writer.
      globalRpoSeconds: db.globalRpoSeconds ?? undefined,
      logRetentionDays: config.observability.logRetentionDays,
    },
    {
      engineVersion: "database.engineVersion",
      instanceClass: "database.instanceClass",
      instanceCount: `database.instances.${role}`,
      backupRetentionDays: "database.backupRetentionDays",
      membership: "database.masterPasswordVersion",
      globalRpoSeconds: "database.globalRpoSeconds",
      logRetentionDays: "observability.logRetentionDays",
    },
  );

  const redisAccess = new RedisAccessControl(scope, "RedisAccess", { namer });
  const redis = buildFromConfig(
    RedisReplicationGroup,
    scope,
    "Redis",
    {
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
    },
    {
      engineVersion: "cache.engineVersion",
      nodeType: "cache.nodeType",
      nodeCount: `cache.nodes.${role}`,
      automaticFailover: "cache.automaticFailover",
      snapshotRetentionDays: "cache.snapshotRetentionDays",
      logRetentionDays: "observability.logRetentionDays",
    },
  );

  const zone = buildFromConfig(
    InternalZone,
    scope,
    "InternalZone",
    {
      zoneName: config.domain.internalZoneName,
      vpcId: network.vpcId,
      region: ctx.region.region,
      cnames: databaseTargets(regionState(config, role), {
        writer: aurora.writerEndpoint,
        reader: aurora.readerEndpoint,
      }),
    },
    { zoneName: "domain.internalZoneName" },
  );

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
