import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { CROSS_STACK_OUTPUTS } from "../cross-stack-outputs";
import type { RegionContext, RegionParts } from "./context";
import { INTERNAL_NAMES } from "./data-tier";

/**
 * The named outputs later stacks and operators read. Ids are fixed: an output's id is its name in
 * the state, and consumers read it by that name.
 */
export function addRegionalOutputs(scope: Construct, ctx: RegionContext, parts: RegionParts): void {
  const { dataTier, storage, web, compute, delivery } = parts;
  const { network, securityGroups } = parts.foundation;
  const output = (id: string, value: string | string[], description: string) =>
    new TerraformOutput(scope, id, { value, description });

  output("vpc_id", network.vpcId, "VPC id");
  output("public_subnet_ids", network.publicSubnetIds, "Public subnets (ALB), in AZ order");
  output("private_subnet_ids", network.privateSubnetIds, "Private app subnets (EKS nodes, web tier), in AZ order");
  output("data_subnet_ids", network.dataSubnetIds, "Data subnets (Aurora, Redis), in AZ order");
  output("alb_security_group_id", securityGroups.albId, "Security group of the ALB: HTTPS from CloudFront");
  output(
    "alb_health_check_security_group_id",
    securityGroups.albHealthChecksId,
    "The ALB's second security group: HTTPS from Route 53 health checkers",
  );
  output("app_security_group_id", securityGroups.appId, "Security group of EKS nodes and the EC2 web tier");
  output("database_security_group_id", securityGroups.databaseId, "Security group of Aurora");
  output("cache_security_group_id", securityGroups.cacheId, "Security group of Redis");
  output("kms_key_arn", ctx.key.arn, "The region's customer-managed KMS key");
  output("aurora_cluster_identifier", dataTier.aurora.clusterIdentifier, "Regional Aurora cluster");
  output("aurora_writer_endpoint", dataTier.aurora.writerEndpoint, "Regional cluster endpoint (writer while primary)");
  output("aurora_reader_endpoint", dataTier.aurora.readerEndpoint, "Regional reader endpoint");
  output(
    "db_hostname",
    dataTier.zone.fqdn(INTERNAL_NAMES.db),
    "Generic DB name: this region's writer when it is active, else its reader with writes forwarded to the writer",
  );
  output("cache_primary_endpoint", dataTier.redis.primaryEndpoint, "Redis primary endpoint");
  output("cache_reader_endpoint", dataTier.redis.readerEndpoint, "Redis reader endpoint");
  output("cache_app_user_id", dataTier.redisAccess.appUserId, "Redis user the app authenticates as (IAM)");
  output("log_archive_bucket", storage.logArchive.bucket.bucket, "Log archive bucket");
  output("alb_log_bucket", storage.albLogs.bucket.bucket, "ALB access-log bucket (SSE-S3)");
  output("backup_vault_arn", storage.backupVault.arn, "AWS Backup vault");
  output(CROSS_STACK_OUTPUTS.albDnsName, web.alb.dnsName, "ALB DNS name: this region's origin for the global edge");
  output(CROSS_STACK_OUTPUTS.albZoneId, web.alb.zoneId, "ALB hosted zone id, for alias records");
  output("alb_https_listener_arn", web.alb.httpsListenerArn, "HTTPS listener of the ALB");
  output(
    "origin_fqdn",
    web.originRecord.fqdn,
    "This region's origin name, an alias of its ALB (global's records use it)",
  );
  output("app_target_group_arn", web.alb.podTargetGroup.arn, "ip target group the LB controller binds the app pods to");
  output("eks_cluster_name", compute.cluster.clusterName, "EKS cluster (the k8s stack looks it up by this name)");
  output("eks_oidc_provider_arn", compute.cluster.oidcProviderArn, "OIDC provider for IRSA");
  output("app_role_arn", compute.roles.app.arn, "IRSA role of the app's service account");
  output("image_repository_url", delivery.registry.imageRepositoryUrl, "ECR repository of the app image");
  output("chart_repository_url", delivery.registry.chartRepositoryUrl, "ECR repository of the app's Helm chart (OCI)");
  output("alarm_topic_arn", parts.observability.alarmTopic.topicArn, "SNS topic receiving every alarm of the region");

  if (dataTier.globalCluster) {
    output(
      CROSS_STACK_OUTPUTS.auroraGlobalWriterEndpoint,
      dataTier.globalCluster.endpoint,
      "Aurora global writer endpoint: repointed by AWS on failover or switchover",
    );
  }
  if (dataTier.credentials) {
    output("db_secret_arn", dataTier.credentials.secretArn, "Secret holding the DB master credentials");
  }
  if (web.originVerifySecret) {
    output(
      "origin_verify_secret_arn",
      web.originVerifySecret.secret.arn,
      "Secret holding the origin-verify header value (replicated to DR and us-east-1)",
    );
  }
  if (delivery.connection) {
    output("github_connection_arn", delivery.connection.arn, "GitHub connection: approve it once in the console");
  }
  if (dataTier.redis.globalReplicationGroupId) {
    output(
      CROSS_STACK_OUTPUTS.cacheGlobalReplicationGroupId,
      dataTier.redis.globalReplicationGroupId,
      "Global Datastore id for the DR member",
    );
  }
}
