import { z } from "zod";
import { GLOBAL_DB_RPO_SECONDS } from "../../modules/database/cluster-parameters";
import { perRole } from "./common";

/** The data tier: Aurora PostgreSQL Global Database and Redis. */

/** Words aurora-postgresql refuses as a master user name. */
export const RESERVED_DB_USERNAMES = ["admin", "rdsadmin", "rdsrepladmin", "rds_superuser", "postgres_fdw", "public"];

export const databaseSchema = z
  .strictObject({
    engineVersion: z
      .string()
      .regex(/^\d+\.\d+$/, { message: "must be an aurora-postgresql major.minor version such as 16.11" })
      .describe(
        "aurora-postgresql engine version, pinned; global write forwarding (DR's write path) needs 16+, 15.4+ or 14.9+",
      ),
    instanceClass: z
      .string()
      .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, { message: "must be an RDS instance class such as db.r6g.large" }),
    instances: perRole(z.int().min(1).max(15)).describe("Aurora instances per regional cluster (writer + readers)"),
    global: z.boolean().describe("Aurora Global Database across the two regions"),
    globalClusterIdentifier: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,62}$/, {
        message: "must be lowercase letters, digits and hyphens, starting with a letter",
      })
      .refine((id) => !id.endsWith("-") && !id.includes("--"), {
        message: "must not end with a hyphen or contain two in a row",
      })
      .describe("Identifier the DR cluster joins (knowable at synth time, so no remote state)"),
    masterUsername: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]{0,15}$/, {
        message: "must start with a letter and hold only letters, digits and underscores, 1-16 characters",
      })
      .superRefine((name, ctx) => {
        if (RESERVED_DB_USERNAMES.includes(name.toLowerCase())) {
          ctx.addIssue({
            code: "custom",
            message: `"${name}" is reserved by aurora-postgresql (${RESERVED_DB_USERNAMES.join(", ")}); choose another, e.g. birthday_admin`,
          });
        }
      }),
    appUsername: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,62}$/, {
        message:
          "must start with a lowercase letter and hold only lowercase letters, digits and underscores, 1-63 characters",
      })
      .superRefine((name, ctx) => {
        if (RESERVED_DB_USERNAMES.includes(name) || name.startsWith("pg_") || name.startsWith("rds")) {
          ctx.addIssue({
            code: "custom",
            message: `"${name}" is reserved by PostgreSQL or RDS (${RESERVED_DB_USERNAMES.join(", ")}, pg_*, rds*); choose another, e.g. birthday_app`,
          });
        }
      })
      .describe("PostgreSQL role the app logs in as with IAM authentication (rds-db:connect); never the master user"),
    databaseName: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, {
      message: "must start with a letter and hold only letters, digits and underscores",
    }),
    backupRetentionDays: z.int().min(1).max(35),
    deletionProtection: z.boolean(),
    skipFinalSnapshot: z
      .boolean()
      .describe("Opt out of the final snapshot on destroy; keep false outside throwaway tests"),
    globalRpoSeconds: z
      .int()
      .min(GLOBAL_DB_RPO_SECONDS.min, { message: `must be ${GLOBAL_DB_RPO_SECONDS.min} s or more, Aurora's minimum` })
      .max(GLOBAL_DB_RPO_SECONDS.max)
      .nullable()
      .describe(
        "Upper bound on the global database's RPO (rds.global_db_rpo, both regions' parameter groups). Trade-off: when " +
          "every secondary lags more than this, Aurora pauses commits on the writer until one catches up, so a DR-region " +
          "impairment stalls writes in the live region. null: no bound (lag is typically under a second)",
      ),
  })
  .superRefine((value, ctx) => {
    const problem = value.global ? writeForwardingProblem(value.engineVersion) : undefined;
    if (problem) {
      ctx.addIssue({ code: "custom", path: ["engineVersion"], message: problem });
    }
    if (value.appUsername === value.masterUsername.toLowerCase()) {
      ctx.addIssue({
        code: "custom",
        path: ["appUsername"],
        message: `"${value.appUsername}" is the master user; the app needs its own IAM-authenticated role, e.g. birthday_app`,
      });
    }
    if (!value.global && value.globalRpoSeconds !== null) {
      ctx.addIssue({
        code: "custom",
        path: ["globalRpoSeconds"],
        message: `${value.globalRpoSeconds} bounds a global database's replication, but database.global is false; set it to null`,
      });
    }
    if (value.global && value.instanceClass.startsWith("db.t")) {
      ctx.addIssue({
        code: "custom",
        path: ["instanceClass"],
        message: `"${value.instanceClass}" is burstable; Aurora global databases reject db.t* classes: use a memory-optimized class such as db.r6g.large`,
      });
    }
  });

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

/** Node families that ElastiCache Global Datastore accepts: r5/m5 and newer. */
const GLOBAL_DATASTORE_NODE = /^cache\.(r|m)([5-9])[a-z]*\.[a-z0-9]+$/;

export const cacheSchema = z
  .strictObject({
    engineVersion: z.string().regex(/^\d+\.\d+$/, { message: "must be a Redis OSS major.minor version such as 7.1" }),
    nodeType: z
      .string()
      .regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, { message: "must be a node type such as cache.t3.micro" }),
    nodes: perRole(z.int().min(1).max(6)).describe("Cache nodes (primary + replicas) per region"),
    automaticFailover: z.boolean().describe("Multi-AZ with automatic failover; needs 2+ nodes"),
    globalDatastore: z.boolean().describe("Replicate the cache to the DR region (Global Datastore)"),
    snapshotRetentionDays: z.int().min(0).max(35),
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
    if (value.globalDatastore && !GLOBAL_DATASTORE_NODE.test(value.nodeType)) {
      ctx.addIssue({
        code: "custom",
        path: ["nodeType"],
        message: `"${value.nodeType}" cannot join a Global Datastore; use an r5/m5 family or newer (e.g. cache.r6g.large)`,
      });
    }
  });
