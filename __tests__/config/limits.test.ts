import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BACKUP_RETENTION_DAYS, BACKUP_SCHEDULE } from "../../src/modules/backup/limits";
import {
  CACHE_ENGINE_VERSION,
  CACHE_NODE_TYPE,
  CACHE_NODES,
  CACHE_SNAPSHOT_RETENTION_DAYS,
} from "../../src/modules/cache/limits";
import {
  EC2_INSTANCE_TYPE,
  KUBERNETES_VERSION,
  NODE_GROUP_MAX_SIZE,
  NODE_GROUP_SIZE,
} from "../../src/modules/compute/limits";
import {
  AURORA_BACKUP_RETENTION_DAYS,
  AURORA_ENGINE_VERSION,
  AURORA_INSTANCES,
  DATABASE_NAME,
  DB_INSTANCE_CLASS,
  GLOBAL_CLUSTER_IDENTIFIER,
  MASTER_USERNAME,
  ROLE_NAME,
} from "../../src/modules/database/limits";
import { APP_NAME, IMAGE_RETENTION_COUNT } from "../../src/modules/delivery/limits";
import {
  CACHED_PATH,
  HEADER_NAME,
  HEALTH_CHECK_FAILURE_THRESHOLD,
  ORIGIN_CONNECTION_ATTEMPTS,
  ORIGIN_CONNECTION_TIMEOUT_SECONDS,
  ORIGIN_KEEPALIVE_SECONDS,
  ORIGIN_RESPONSE_TIMEOUT_SECONDS,
  WAF_RATE_LIMIT,
} from "../../src/modules/edge/limits";
import { CLUSTER_AUTOSCALER_IMAGE_TAG } from "../../src/modules/k8s/limits";
import {
  ALARM_EVALUATION_MINUTES,
  ALARM_MINIMUM_REQUESTS,
  ALARM_PERCENT,
} from "../../src/modules/observability/limits";
import { AMI_ID, WEB_INSTANCES } from "../../src/modules/web/limits";
import { CONFIG_SCHEMA_FILE } from "../../src/tooling/config-json-schema";
import { AWS_REGION, IAM_ROLE_ARN } from "../../src/validation/aws-identifiers";
import {
  EMAIL_ADDRESS,
  GENERATION,
  type IntRange,
  TCP_PORT,
  type TextPattern,
  URL_PATH,
} from "../../src/validation/limits";

/**
 * Each limit is written once, beside the AWS fact it comes from, and both the config schema and
 * the constructs read it: here, that what the published schema enforces is that object. (That a
 * construct never refuses what the schema takes is the generated-configs spec's job.)
 */
const schema = JSON.parse(readFileSync(join(__dirname, "..", "..", CONFIG_SCHEMA_FILE), "utf8"));

function leaf(path: string): { minimum?: number; maximum?: number; pattern?: string; items?: { pattern?: string } } {
  return path.split(".").reduce((node, key) => node.properties[key], schema);
}

const RANGES: readonly [string, IntRange][] = [
  ["database.instances.primary", AURORA_INSTANCES],
  ["database.instances.dr", AURORA_INSTANCES],
  ["database.backupRetentionDays", AURORA_BACKUP_RETENTION_DAYS],
  ["database.masterPasswordVersion", GENERATION],
  ["cache.nodes.dr", CACHE_NODES],
  ["cache.snapshotRetentionDays", CACHE_SNAPSHOT_RETENTION_DAYS],
  ["web.instances.active", WEB_INSTANCES],
  ["kubernetes.nodes.standby.min", NODE_GROUP_SIZE],
  ["kubernetes.nodes.standby.max", NODE_GROUP_MAX_SIZE],
  ["kubernetes.spot.max", NODE_GROUP_MAX_SIZE],
  ["observability.refusedRequests.loadBalancer.thresholdPercent", ALARM_PERCENT],
  ["observability.refusedRequests.cloudFront.minimumRequestsPerMinute", ALARM_MINIMUM_REQUESTS],
  ["observability.refusedRequests.waf.evaluationMinutes", ALARM_EVALUATION_MINUTES],
  ["app.port", TCP_PORT],
  ["delivery.imageRetentionCount", IMAGE_RETENTION_COUNT],
  ["backup.retentionDays", BACKUP_RETENTION_DAYS],
  ["edge.healthCheck.failureThreshold", HEALTH_CHECK_FAILURE_THRESHOLD],
  ["edge.waf.rateLimitRequests", WAF_RATE_LIMIT],
  ["edge.cloudFront.originKeepAliveSeconds", ORIGIN_KEEPALIVE_SECONDS],
  ["edge.cloudFront.originResponseTimeoutSeconds", ORIGIN_RESPONSE_TIMEOUT_SECONDS],
  ["edge.cloudFront.failoverResponseTimeoutSeconds", ORIGIN_RESPONSE_TIMEOUT_SECONDS],
  ["edge.cloudFront.originConnectionTimeoutSeconds", ORIGIN_CONNECTION_TIMEOUT_SECONDS],
  ["edge.cloudFront.originConnectionAttempts", ORIGIN_CONNECTION_ATTEMPTS],
  ["edge.originVerify.generation", GENERATION],
];

const PATTERNS: readonly [string, TextPattern][] = [
  ["app.name", APP_NAME],
  ["app.healthCheckPath", URL_PATH],
  ["regions.dr.region", AWS_REGION],
  ["regions.dr.webAmiId", AMI_ID],
  ["web.instanceType", EC2_INSTANCE_TYPE],
  ["database.engineVersion", AURORA_ENGINE_VERSION],
  ["database.instanceClass", DB_INSTANCE_CLASS],
  ["database.globalClusterIdentifier", GLOBAL_CLUSTER_IDENTIFIER],
  ["database.masterUsername", MASTER_USERNAME],
  ["database.appUsername", ROLE_NAME],
  ["database.databaseName", DATABASE_NAME],
  ["cache.engineVersion", CACHE_ENGINE_VERSION],
  ["cache.nodeType", CACHE_NODE_TYPE],
  ["backup.scheduleExpression", BACKUP_SCHEDULE],
  ["kubernetes.version", KUBERNETES_VERSION],
  ["kubernetes.nodeInstanceType", EC2_INSTANCE_TYPE],
  ["kubernetes.platform.clusterAutoscaler.imageTag", CLUSTER_AUTOSCALER_IMAGE_TAG],
  ["edge.originVerify.headerName", HEADER_NAME],
];

const LIST_PATTERNS: readonly [string, TextPattern][] = [
  ["kubernetes.adminRoleArns", IAM_ROLE_ARN],
  ["kubernetes.spot.instanceTypes", EC2_INSTANCE_TYPE],
  ["observability.alarmEmails", EMAIL_ADDRESS],
  ["edge.cloudFront.cachedPaths", CACHED_PATH],
];

describe("limits written once", () => {
  test.each(RANGES)("%s is the range the constructs check", (path, range) => {
    const { minimum, maximum } = leaf(path);
    expect({ minimum, maximum }).toEqual({
      minimum: range.min,
      maximum: range.max === Number.MAX_SAFE_INTEGER ? expect.any(Number) : range.max,
    });
  });

  test.each(PATTERNS)("%s is the pattern the constructs check", (path, pattern) => {
    expect(leaf(path).pattern).toBe(pattern.regex.source);
  });

  test.each(LIST_PATTERNS)("every entry of %s is the pattern the constructs check", (path, pattern) => {
    expect(leaf(path).items?.pattern).toBe(pattern.regex.source);
  });
});
