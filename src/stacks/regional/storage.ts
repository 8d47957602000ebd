import type { Construct } from "constructs";
import { AuroraBackupPlan } from "../../modules/backup/aurora-backup-plan";
import { BackupVault } from "../../modules/backup/backup-vault";
import { AlbAccessLogBucket, LogArchiveBucket } from "../../modules/storage/log-buckets";
import type { RegionContext } from "./context";

export interface RegionalStorage {
  readonly logArchive: LogArchiveBucket;
  readonly albLogs: AlbAccessLogBucket;
  readonly backupVault: BackupVault;
  readonly backupPlan?: AuroraBackupPlan;
}

/**
 * The region's log archive (Standard -> Glacier -> expiry), the ALB access-log bucket, the backup
 * vault and, in primary, the daily Aurora backup plan copying to DR's vault. The copy target is
 * named, not referenced: DR's vault is built by the dr stack, which is applied next, before the
 * first daily run.
 */
export function buildStorage(scope: Construct, ctx: RegionContext, auroraClusterArn: string): RegionalStorage {
  const { config, namer } = ctx;
  const logArchive = new LogArchiveBucket(scope, "LogArchive", {
    namer,
    kmsKeyArn: ctx.key.arn,
    glacierAfterDays: config.logArchive.glacierAfterDays,
    expireAfterDays: config.logArchive.expireAfterDays,
  });
  const albLogs = new AlbAccessLogBucket(scope, "AlbLogs", { namer, accountId: ctx.accountId });
  const backupVault = new BackupVault(scope, "BackupVault", { namer, kmsKeyArn: ctx.key.arn });
  if (ctx.role !== "primary") {
    return { logArchive, albLogs, backupVault };
  }
  const drVaultName = BackupVault.vaultName(namer.forScope("dr"));
  const backupPlan = new AuroraBackupPlan(scope, "AuroraBackup", {
    namer,
    vaultName: backupVault.name,
    scheduleExpression: config.backup.scheduleExpression,
    retentionDays: config.backup.retentionDays,
    copyDestinationVaultArn: `arn:aws:backup:${config.regions.dr.region}:${ctx.accountId}:backup-vault:${drVaultName}`,
    copyRetentionDays: config.backup.copyRetentionDays,
    resourceArns: [auroraClusterArn],
  });
  return { logArchive, albLogs, backupVault, backupPlan };
}
