import type { Construct } from "constructs";
import { regionState } from "../../config";
import { AlarmTopic } from "../../modules/observability/alarm-topic";
import { AppLogGroups } from "../../modules/observability/app-logs";
import { CacheAlarms } from "../../modules/observability/cache-alarms";
import { RegionDashboard } from "../../modules/observability/dashboard";
import { DatabaseAlarms } from "../../modules/observability/database-alarms";
import { GrafanaAdminCredentials } from "../../modules/observability/grafana-admin-credentials";
import { LoadBalancerAlarms } from "../../modules/observability/load-balancer-alarms";
import { Tracing } from "../../modules/observability/tracing";
import { buildFromConfig } from "../from-config";
import type { RegionContext, RegionParts } from "./context";

/** The app's log group; created before the web tier, which ships its logs there. */
export function buildAppLogs(scope: Construct, ctx: RegionContext): AppLogGroups {
  return new AppLogGroups(scope, "AppLogs", {
    namer: ctx.namer,
    kmsKeyArn: ctx.key.arn,
    retentionDays: ctx.config.observability.logRetentionDays,
  });
}

export interface RegionalObservability {
  readonly alarmTopic: AlarmTopic;
  /** The login the region's Grafana (k8s stack) is created with. */
  readonly grafanaAdmin: GrafanaAdminCredentials;
}

/**
 * Alarms to an encrypted SNS topic, a dashboard and X-Ray tracing for the region, and the admin
 * login of its Grafana. The standby
 * region (`dr.activeRole`) also watches the Aurora global replication lag, which only a secondary
 * cluster publishes: after a failover that is the recovered primary, and DR, now the writer, would
 * see no data (which its alarm treats as breaching) for as long as it kept the alarm.
 */
export function buildObservability(
  scope: Construct,
  ctx: RegionContext,
  parts: Pick<RegionParts, "dataTier" | "web">,
): RegionalObservability {
  const { config, namer } = ctx;
  const { dataTier, web } = parts;
  const watchesReplication = regionState(config, ctx.role) === "standby";
  const topic = buildFromConfig(
    AlarmTopic,
    scope,
    "AlarmTopic",
    { namer, kmsKeyArn: ctx.key.arn, accountId: ctx.accountId, emailAddresses: config.observability.alarmEmails },
    { emailAddresses: "observability.alarmEmails" },
  );
  // Each alarm asks its resource for the metric: namespaces and dimensions live with the resources.
  const sources = { loadBalancer: web.alb, database: dataTier.aurora, cache: dataTier.redis };
  const refused = config.observability.refusedRequests.loadBalancer;
  const alarmArns = [
    ...buildFromConfig(
      LoadBalancerAlarms,
      scope,
      "LoadBalancerAlarms",
      {
        namer,
        topicArn: topic.topicArn,
        loadBalancer: sources.loadBalancer,
        rejectedThresholdPercent: refused.thresholdPercent,
        rejectedMinimumRequestsPerMinute: refused.minimumRequestsPerMinute,
        rejectedEvaluationMinutes: refused.evaluationMinutes,
      },
      {
        rejectedThresholdPercent: "observability.refusedRequests.loadBalancer.thresholdPercent",
        rejectedMinimumRequestsPerMinute: "observability.refusedRequests.loadBalancer.minimumRequestsPerMinute",
        rejectedEvaluationMinutes: "observability.refusedRequests.loadBalancer.evaluationMinutes",
      },
    ).alarmArns,
    ...new DatabaseAlarms(scope, "DatabaseAlarms", {
      namer,
      topicArn: topic.topicArn,
      database: sources.database,
      includeGlobalReplicationLag: watchesReplication,
    }).alarmArns,
    ...new CacheAlarms(scope, "CacheAlarms", { namer, topicArn: topic.topicArn, cache: sources.cache }).alarmArns,
  ];
  new RegionDashboard(scope, "Dashboard", {
    namer,
    region: ctx.region.region,
    ...sources,
    includeGlobalReplicationLag: watchesReplication,
    alarmArns,
  });
  new Tracing(scope, "Tracing", { namer, serviceName: config.app.name });
  const grafanaAdmin = buildFromConfig(
    GrafanaAdminCredentials,
    scope,
    "GrafanaAdmin",
    { namer, kmsKeyArn: ctx.key.arn, passwordVersion: config.kubernetes.platform.grafana.adminPasswordVersion },
    { passwordVersion: "kubernetes.platform.grafana.adminPasswordVersion" },
  );
  return { alarmTopic: topic, grafanaAdmin };
}
