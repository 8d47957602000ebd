import { z } from "zod";
import {
  CACHE_ENGINE_VERSION,
  CACHE_NODE_TYPE,
  CACHE_NODES,
  CACHE_SNAPSHOT_RETENTION_DAYS,
  GLOBAL_DATASTORE_NODE_TYPE,
  iamEngineVersionProblem,
} from "../../modules/cache/limits";
import {
  AURORA_BACKUP_RETENTION_DAYS,
  AURORA_ENGINE_VERSION,
  AURORA_INSTANCES,
  DATABASE_NAME,
  DB_INSTANCE_CLASS,
  GLOBAL_CLUSTER_IDENTIFIER,
  GLOBAL_DB_RPO_SECONDS,
  globalInstanceClassProblem,
  MASTER_USERNAME,
  RESERVED_DB_USERNAMES,
  ROLE_NAME,
} from "../../modules/database/limits";
import { GENERATION } from "../../validation/limits";
import { matching, perRole, refineWith, wholeNumber } from "./common";

/**
 * The data tier: the Aurora PostgreSQL global database (always global: DR's database is its
 * secondary cluster) and Redis.
 */

export const databaseSchema = z
  .strictObject({
    engineVersion: matching(AURORA_ENGINE_VERSION)
      .superRefine(refineWith(writeForwardingProblem))
      .describe(
        "aurora-postgresql version the global database is created with; global write forwarding (DR's write path) needs 16+, 15.4+ or 14.9+",
      ),
    instanceClass: matching(DB_INSTANCE_CLASS)
      .superRefine(refineWith(globalInstanceClassProblem))
      .describe("Instance class of every Aurora instance; memory-optimized (global databases reject burstable db.t*)"),
    instances: perRole(
      wholeNumber(AURORA_INSTANCES, "instances"),
      "Aurora instances of the regional cluster (writer + readers)",
    ),
    globalClusterIdentifier: matching(GLOBAL_CLUSTER_IDENTIFIER).describe(
      "Identifier the DR cluster joins (knowable at synth time, so no remote state)",
    ),
    masterUsername: matching(MASTER_USERNAME)
      .superRefine(refineWith(reservedMasterUsernameProblem))
      .describe("Master user of the global database; operators and the app's bootstrap use it, the app never does"),
    masterPasswordVersion: wholeNumber(GENERATION, "generation").describe(
      "Generation of the generated master password: bump by one to rotate it (the secret, the cluster and the k8s bootstrap's copy follow in one apply each)",
    ),
    appUsername: matching(ROLE_NAME)
      .superRefine(refineWith(reservedAppUsernameProblem))
      .describe("PostgreSQL role the app logs in as with IAM authentication (rds-db:connect); never the master user"),
    databaseName: matching(DATABASE_NAME).describe("Database created with the global database, the app's"),
    backupRetentionDays: wholeNumber(AURORA_BACKUP_RETENTION_DAYS, "days").describe(
      "Days of automated backups each regional cluster keeps for point-in-time restore",
    ),
    deletionProtection: z
      .boolean()
      .describe(
        "Refuse deletion through the API (the clusters and the global cluster); keep true outside throwaway tests",
      ),
    skipFinalSnapshot: z
      .boolean()
      .describe("Opt out of the final snapshot on destroy; keep false outside throwaway tests"),
    globalRpoSeconds: wholeNumber(GLOBAL_DB_RPO_SECONDS, "seconds")
      .nullable()
      // The unit goes on the nullable too: JSON Schema renders it as anyOf, and readers see the outer node.
      .meta({ unit: "seconds" })
      .describe(
        "Upper bound on the global database's RPO (rds.global_db_rpo, both regions' parameter groups). Trade-off: when " +
          "every secondary lags more than this, Aurora pauses commits on the writer until one catches up, so a DR-region " +
          "impairment stalls writes in the live region. null: no bound (lag is typically under a second)",
      ),
  })
  .superRefine((value, ctx) => {
    if (value.appUsername === value.masterUsername.toLowerCase()) {
      ctx.addIssue({
        code: "custom",
        path: ["appUsername"],
        message: `"${value.appUsername}" is the master user; the app needs its own IAM-authenticated role, e.g. birthday_app`,
      });
    }
  });

function reservedMasterUsernameProblem(name: string): string | undefined {
  return RESERVED_DB_USERNAMES.includes(name.toLowerCase())
    ? `"${name}" is reserved by aurora-postgresql (${RESERVED_DB_USERNAMES.join(", ")}); choose another, e.g. birthday_admin`
    : undefined;
}

function reservedAppUsernameProblem(name: string): string | undefined {
  return RESERVED_DB_USERNAMES.includes(name) || name.startsWith("pg_") || name.startsWith("rds")
    ? `"${name}" is reserved by PostgreSQL or RDS (${RESERVED_DB_USERNAMES.join(", ")}, pg_*, rds*); choose another, e.g. birthday_app`
    : undefined;
}

/**
 * Lowest minor per major that supports Aurora PostgreSQL global write forwarding (Aurora user
 * guide, "Using write forwarding in an Aurora PostgreSQL global database"): every 16+ minor, 15.4
 * and later, 14.9 and later.
 */
const WRITE_FORWARDING_MINIMUM: Readonly<Record<number, number>> = { 14: 9, 15: 4 };

/** Why a global database on `engineVersion` cannot forward DR's writes, or undefined. */
export function writeForwardingProblem(engineVersion: string): string | undefined {
  const [major, minor] = engineVersion.split(".").map(Number);
  if (!Number.isInteger(major) || !Number.isInteger(minor) || major >= 16) {
    return undefined;
  }
  const minimum = WRITE_FORWARDING_MINIMUM[major];
  if (minimum !== undefined && minor >= minimum) {
    return undefined;
  }
  const floor = minimum === undefined ? "16 or later" : `${major}.${minimum} or later (or 16+)`;
  return `"${engineVersion}" cannot forward writes from the DR region to the global writer, which is how DR's app writes in standby; use ${floor}`;
}

export const cacheSchema = z
  .strictObject({
    engineVersion: matching(CACHE_ENGINE_VERSION)
      .superRefine(refineWith(iamEngineVersionProblem))
      .describe("Redis OSS version; 7.0 or later, for IAM authentication"),
    nodeType: matching(CACHE_NODE_TYPE).describe(
      "Node type of every cache node; r5/m5 families or newer, large or above, with cache.globalDatastore",
    ),
    nodes: perRole(wholeNumber(CACHE_NODES, "nodes"), "Cache nodes (primary + replicas)"),
    automaticFailover: z.boolean().describe("Multi-AZ with automatic failover; needs 2+ nodes"),
    globalDatastore: z.boolean().describe("Replicate the cache to the DR region (Global Datastore)"),
    snapshotRetentionDays: wholeNumber(CACHE_SNAPSHOT_RETENTION_DAYS, "days").describe(
      "Days each region keeps its daily cache snapshots",
    ),
  })
  .superRefine((value, ctx) => {
    for (const role of ["primary", "dr"] as const) {
      if (value.automaticFailover && value.nodes[role] < 2) {
        ctx.addIssue({
          code: "custom",
          path: ["nodes", role],
          message: `${value.nodes[role]} node cannot fail over: automatic failover needs 2 or more nodes, or set cache.automaticFailover to false`,
        });
      }
    }
    if (value.globalDatastore && !GLOBAL_DATASTORE_NODE_TYPE.regex.test(value.nodeType)) {
      ctx.addIssue({
        code: "custom",
        path: ["nodeType"],
        message: `"${value.nodeType}" cannot join a Global Datastore: use ${GLOBAL_DATASTORE_NODE_TYPE.describes}`,
      });
    }
  });
