import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { AlarmTopic } from "../../../src/modules/observability/alarm-topic";
import { AppLogGroups } from "../../../src/modules/observability/app-logs";
import { CacheAlarms } from "../../../src/modules/observability/cache-alarms";
import { RegionDashboard } from "../../../src/modules/observability/dashboard";
import { DatabaseAlarms } from "../../../src/modules/observability/database-alarms";
import { LoadBalancerAlarms } from "../../../src/modules/observability/load-balancer-alarms";
import { Tracing } from "../../../src/modules/observability/tracing";
import { RegionalKey } from "../../../src/modules/security/kms-key";
import { Namer } from "../../../src/naming";
import { cacheMetrics, databaseMetrics, loadBalancerMetrics } from "../../support/metric-sources";

/** A region's topic, alarms, dashboard, tracing and app logs. */
export function observabilityStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "observability");
  new AwsProvider(stack, "aws", { region: "us-east-2" });
  const namer = new Namer("titan", "primary");
  const accountId = "111122223333";
  const key = new RegionalKey(stack, "Key", {
    aliasName: namer.name("data"),
    description: "titan primary data",
    region: "us-east-2",
    accountId,
  });
  const topic = new AlarmTopic(stack, "AlarmTopic", {
    namer,
    kmsKeyArn: key.arn,
    accountId,
    emailAddresses: ["ops@example.com"],
  });
  const loadBalancer = {
    loadBalancer: loadBalancerMetrics(
      "app/titan-primary-alb/50dc6c495c0c9188",
      "targetgroup/titan-primary-app/73e2d6bc24d8a067",
    ),
  };
  const cacheMembers = ["titan-primary-redis-001", "titan-primary-redis-002", "titan-primary-redis-003"];
  const albAlarms = new LoadBalancerAlarms(stack, "LoadBalancerAlarms", {
    namer,
    topicArn: topic.topicArn,
    ...loadBalancer,
  });
  // The replication-lag alarm belongs to DR; it is on here so its arguments are validated too.
  const databaseAlarms = new DatabaseAlarms(stack, "DatabaseAlarms", {
    namer,
    topicArn: topic.topicArn,
    database: databaseMetrics("titan-primary-aurora"),
    includeGlobalReplicationLag: true,
  });
  const cacheAlarms = new CacheAlarms(stack, "CacheAlarms", {
    namer,
    topicArn: topic.topicArn,
    cache: cacheMetrics("titan-primary-redis", cacheMembers),
  });
  new RegionDashboard(stack, "Dashboard", {
    namer,
    region: "us-east-2",
    ...loadBalancer,
    database: databaseMetrics("titan-primary-aurora"),
    includeGlobalReplicationLag: true,
    cache: cacheMetrics("titan-primary-redis", cacheMembers),
    alarmArns: [...albAlarms.alarmArns, ...databaseAlarms.alarmArns, ...cacheAlarms.alarmArns],
  });
  new Tracing(stack, "Tracing", { namer, serviceName: "birthday-app" });
  new AppLogGroups(stack, "AppLogs", { namer, kmsKeyArn: key.arn, retentionDays: 90 });
  return stack;
}
