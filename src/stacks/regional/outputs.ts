import { TerraformOutput } from "cdktf";
import { CROSS_STACK_OUTPUTS } from "../outputs";
import type { RegionalStack } from "./regional-stack";

/**
 * The named outputs later stacks and operators read. Ids are fixed: an output's id is its name in
 * the state, and consumers read it by that name.
 */
export function addRegionalOutputs(stack: RegionalStack): void {
  const { network, securityGroups, dataTier, storage } = stack;
  const output = (id: string, value: string | string[], description: string) =>
    new TerraformOutput(stack, id, { value, description });

  output("vpc_id", network.vpcId, "VPC id");
  output("public_subnet_ids", network.publicSubnetIds, "Public subnets (ALB), in AZ order");
  output("private_subnet_ids", network.privateSubnetIds, "Private app subnets (EKS nodes, web tier), in AZ order");
  output("data_subnet_ids", network.dataSubnetIds, "Data subnets (Aurora, Redis), in AZ order");
  output("alb_security_group_id", securityGroups.albId, "Security group of the ALB");
  output("app_security_group_id", securityGroups.appId, "Security group of EKS nodes and the EC2 web tier");
  output("database_security_group_id", securityGroups.databaseId, "Security group of Aurora");
  output("cache_security_group_id", securityGroups.cacheId, "Security group of Redis");
  output("kms_key_arn", stack.context.key.arn, "The region's customer-managed KMS key");
  output("aurora_cluster_identifier", dataTier.aurora.clusterIdentifier, "Regional Aurora cluster");
  output("aurora_writer_endpoint", dataTier.aurora.writerEndpoint, "Regional cluster endpoint (writer while primary)");
  output("aurora_reader_endpoint", dataTier.aurora.readerEndpoint, "Regional reader endpoint");
  output("db_hostname", dataTier.zone.fqdn("db"), "Generic DB name: the global writer, whichever region holds it");
  output("cache_primary_endpoint", dataTier.redis.primaryEndpoint, "Redis primary endpoint");
  output("cache_reader_endpoint", dataTier.redis.readerEndpoint, "Redis reader endpoint");
  output("cache_hostname", dataTier.zone.fqdn("cache"), "Generic cache name in the internal zone");
  output("cache_app_user_id", dataTier.redisAccess.appUserId, "Redis user the app authenticates as (IAM)");
  output("log_archive_bucket", storage.logArchive.bucket.bucket, "Log archive bucket");
  output("alb_log_bucket", storage.albLogs.bucket.bucket, "ALB access-log bucket (SSE-S3)");
  output("backup_vault_arn", storage.backupVault.arn, "AWS Backup vault");

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
  if (dataTier.redis.globalReplicationGroupId) {
    output(
      CROSS_STACK_OUTPUTS.cacheGlobalReplicationGroupId,
      dataTier.redis.globalReplicationGroupId,
      "Global Datastore id for the DR member",
    );
  }
}
