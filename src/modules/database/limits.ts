/**
 * What Aurora PostgreSQL and PostgreSQL accept, written once for config validation and the
 * database constructs; free of provider imports so the config can load it cheaply.
 */
import { intRange, textPattern } from "../../validation/limits";

/** Instances of one regional cluster, writer included. */
export const AURORA_INSTANCES = intRange(1, 15, "a writer and up to 14 readers");

/** Days of automated backups (point-in-time restore) RDS keeps. */
export const AURORA_BACKUP_RETENTION_DAYS = intRange(1, 35, "RDS's limit");

/** A pinned aurora-postgresql version: never a bare major, which would upgrade by itself. */
export const AURORA_ENGINE_VERSION = textPattern(
  /^\d+\.\d+$/,
  "an aurora-postgresql major.minor version such as 16.11",
);

export const DB_INSTANCE_CLASS = textPattern(
  /^db\.[a-z0-9]+\.[a-z0-9]+$/,
  "an RDS instance class such as db.r6g.large",
);

/** Why a global database cannot run on `instanceClass`, or undefined when it can. */
export function globalInstanceClassProblem(instanceClass: string): string | undefined {
  return instanceClass.startsWith("db.t")
    ? `"${instanceClass}" is burstable; Aurora global databases reject db.t* classes: use a memory-optimized class such as db.r6g.large`
    : undefined;
}

/** The global cluster's identifier, which the DR cluster joins by name. */
export const GLOBAL_CLUSTER_IDENTIFIER = textPattern(
  /^[a-z](?:(?!.*--)[a-z0-9-]{0,61}[a-z0-9])?$/,
  "1-63 lowercase letters, digits and hyphens, starting with a letter, with no hyphen at the end or two in a row",
);

/** The master user: aurora-postgresql's rule for master user names. */
export const MASTER_USERNAME = textPattern(
  /^[A-Za-z][A-Za-z0-9_]{0,15}$/,
  "1-16 letters, digits and underscores, starting with a letter",
);

/** A PostgreSQL role titan creates and IAM signs tokens for: lowercase, so it needs no quoting. */
export const ROLE_NAME = textPattern(
  /^[a-z][a-z0-9_]{0,62}$/,
  "1-63 lowercase letters, digits and underscores, starting with a letter",
);

export const DATABASE_NAME = textPattern(
  /^[A-Za-z][A-Za-z0-9_]{0,62}$/,
  "1-63 letters, digits and underscores, starting with a letter",
);

/** Words aurora-postgresql refuses as a master user name. */
export const RESERVED_DB_USERNAMES = ["admin", "rdsadmin", "rdsrepladmin", "rds_superuser", "postgres_fdw", "public"];

/**
 * The values `rds.global_db_rpo` accepts (Aurora User Guide, "Managing RPOs for Aurora
 * PostgreSQL-based global databases":
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html).
 */
export const GLOBAL_DB_RPO_SECONDS = intRange(20, 2_147_483_647, "the range rds.global_db_rpo accepts");

/** Enhanced Monitoring granularities RDS accepts, in seconds (0 = off). */
export const MONITORING_INTERVALS_SECONDS = [0, 1, 5, 10, 15, 30, 60];
