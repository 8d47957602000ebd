/**
 * What ElastiCache (Redis OSS) accepts, written once for config validation and the cache
 * constructs; free of provider imports so the config can load it cheaply.
 */
import { intRange, textPattern } from "../../validation/limits";

/** Nodes of a replication group with cluster mode off: a primary and up to five replicas. */
export const CACHE_NODES = intRange(1, 6, "a primary and up to five replicas");

/** Days ElastiCache keeps daily snapshots; titan always keeps some, so a lost cache can be seeded. */
export const CACHE_SNAPSHOT_RETENTION_DAYS = intRange(1, 35, "ElastiCache's limit is 35");

export const CACHE_ENGINE_VERSION = textPattern(/^\d+\.\d+$/, "a Redis OSS major.minor version such as 7.1");

/** The first Redis OSS major with IAM authentication, which is how the app connects (no AUTH secret). */
export const MIN_IAM_ENGINE_MAJOR = 7;

/** Why `engineVersion` cannot authenticate with IAM, or undefined when it can. */
export function iamEngineVersionProblem(engineVersion: string): string | undefined {
  const major = Number.parseInt(engineVersion, 10);
  return Number.isNaN(major) || major >= MIN_IAM_ENGINE_MAJOR
    ? undefined
    : `"${engineVersion}" has no IAM authentication, which is how the app connects; use ${MIN_IAM_ENGINE_MAJOR}.0 or later`;
}

export const CACHE_NODE_TYPE = textPattern(
  /^cache\.[a-z0-9]+\.[a-z0-9]+$/,
  "an ElastiCache node type such as cache.t3.micro",
);

/** Node types a Global Datastore accepts: these families, large and above. */
export const GLOBAL_DATASTORE_NODE_TYPE = textPattern(
  /^cache\.(m5|m6g|m7g|r5|r6g|r6gd|r7g|c7gn)\.(large|\d*xlarge)$/,
  "an m5, m6g, m7g, r5, r6g, r6gd, r7g or c7gn node type, large or above (e.g. cache.r6g.large), the types a Global Datastore accepts",
);
