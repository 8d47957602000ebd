import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { AuroraBackupPlan } from "../../../src/modules/backup/aurora-backup-plan";
import { BackupVault } from "../../../src/modules/backup/backup-vault";
import { RedisReplicationGroup } from "../../../src/modules/cache/redis";
import { RedisAccessControl } from "../../../src/modules/cache/redis-access";
import { RegionalKey } from "../../../src/modules/security/kms-key";
import { BucketReplication } from "../../../src/modules/storage/bucket-replication";
import { AlbAccessLogBucket, LogArchiveBucket } from "../../../src/modules/storage/log-buckets";
import { Namer } from "../../../src/naming";

const ACCOUNT = "111122223333";

/**
 * The cache, log buckets, log replication and Aurora backups of the primary region, wired as the
 * primary stack wires them: the DR bucket, key and vault are built in the DR stack, so they are
 * named here from the DR namer.
 */
export function primaryDataServices(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "data-services");
  new AwsProvider(stack, "aws", { region: "us-east-2" });
  const namer = new Namer("titan", "primary", ACCOUNT);
  const drNamer = namer.forScope("dr");
  const key = new RegionalKey(stack, "Key", {
    aliasName: "titan-primary-data",
    description: "titan primary data",
    region: "us-east-2",
    accountId: ACCOUNT,
  });

  const access = new RedisAccessControl(stack, "RedisAccess", { namer });
  new RedisReplicationGroup(stack, "Redis", {
    namer,
    membership: { kind: "standalone" },
    engineVersion: "7.1",
    nodeType: "cache.t3.micro",
    nodeCount: 2,
    availabilityZones: ["us-east-2a", "us-east-2b", "us-east-2c"],
    subnetGroupName: "titan-primary-cache",
    securityGroupIds: ["sg-0123456789abcdef0"],
    kmsKeyArn: key.arn,
    userGroupId: access.userGroupId,
    logKmsKeyArn: key.arn,
  });

  const logArchive = new LogArchiveBucket(stack, "LogArchive", {
    namer,
    kmsKeyArn: key.arn,
    glacierAfterDays: 90,
    expireAfterDays: 365,
  });
  new AlbAccessLogBucket(stack, "AlbLogs", { namer, accountId: ACCOUNT });
  new BucketReplication(stack, "LogReplication", {
    namer,
    sourceBucketName: logArchive.versioning.bucket,
    sourceBucketArn: logArchive.bucket.arn,
    sourceKmsKeyArn: key.arn,
    sourceRegion: "us-east-2",
    destinationBucketArn: `arn:aws:s3:::${LogArchiveBucket.bucketName(drNamer)}`,
    destinationKmsKeyArn: `arn:aws:kms:us-west-1:${ACCOUNT}:alias/titan-dr-data`,
    destinationRegion: "us-west-1",
  });

  const vault = new BackupVault(stack, "BackupVault", { namer, kmsKeyArn: key.arn, lockMinRetentionDays: 7 });
  new AuroraBackupPlan(stack, "AuroraBackup", {
    namer,
    vaultName: vault.name,
    scheduleExpression: "cron(0 7 * * ? *)",
    retentionDays: 35,
    copyDestinationVaultArn: `arn:aws:backup:us-west-1:${ACCOUNT}:backup-vault:${BackupVault.vaultName(drNamer)}`,
    copyRetentionDays: 35,
    resourceArns: [`arn:aws:rds:us-east-2:${ACCOUNT}:cluster:titan-primary-aurora`],
  });
  return stack;
}
