import type { Construct } from "constructs";
import { type RegionRole, regionState } from "../../config";
import { AuroraBackupPlan } from "../../modules/backup/aurora-backup-plan";
import { BackupVault } from "../../modules/backup/backup-vault";
import { VpcFlowLogArchive } from "../../modules/network/flow-log-archive";
import { AlbAccessLogBucket, LogArchiveBucket } from "../../modules/storage/log-buckets";
import { buildFromConfig } from "../from-config";
import type { RegionContext, RegionParts } from "./context";

export interface RegionalStorage {
  readonly logArchive: LogArchiveBucket;
  readonly albLogs: AlbAccessLogBucket;
  readonly backupVault: BackupVault;
  readonly backupPlan?: AuroraBackupPlan;
}

/**
 * The region's log archive (Standard -> Glacier -> expiry), the ALB access-log bucket, the backup
 * vault and, in the active region (dr.activeRole), the daily Aurora backup plan copying to the
 * other region's vault.
 *
 * Why the active region's cluster only: it is the writer, whose loss a backup must survive, and
 * after a failover DR is the writer, so flipping dr.activeRole moves the plan with it (the `dr` apply
 * of the runbook's capacity step). AWS does not document AWS Backup for a global database's
 * secondary cluster, so titan does not rely on it; the standby cluster keeps its own automated
 * backups (backupRetentionDays). The copy target is named, not referenced: the other region's
 * vault is built by the other stack, and during a failover that region may be down (copies then
 * fail and AWS Backup reports them, while the local recovery points are kept).
 */
export function buildStorage(
  scope: Construct,
  ctx: RegionContext,
  parts: Pick<RegionParts, "foundation" | "dataTier">,
): RegionalStorage {
  const { config, namer } = ctx;
  const logArchive = buildFromConfig(
    LogArchiveBucket,
    scope,
    "LogArchive",
    {
      namer,
      kmsKeyArn: ctx.key.arn,
      glacierAfterDays: config.logArchive.glacierAfterDays,
      expireAfterDays: config.logArchive.expireAfterDays,
      // The VPC's flow logs are archived here (VpcFlowLogArchive).
      logDelivery: { accountId: ctx.accountId, region: ctx.region.region },
    },
    { glacierAfterDays: "logArchive.glacierAfterDays", expireAfterDays: "logArchive.expireAfterDays" },
  );
  new VpcFlowLogArchive(scope, "FlowLogArchive", {
    namer,
    vpcId: parts.foundation.network.vpcId,
    bucketArn: logArchive.bucket.arn,
    bucketPolicy: logArchive.policy,
  });
  const albLogs = new AlbAccessLogBucket(scope, "AlbLogs", { namer, accountId: ctx.accountId });
  const backupVault = new BackupVault(scope, "BackupVault", {
    namer,
    kmsKeyArn: ctx.key.arn,
    // Either region's vault takes its own plan's points (retentionDays, while active) and the
    // other's copies (copyRetentionDays): a lock above either would fail those jobs.
    lockMinRetentionDays: Math.min(config.backup.retentionDays, config.backup.copyRetentionDays),
  });
  if (regionState(config, ctx.role) !== "active") {
    return { logArchive, albLogs, backupVault };
  }
  const other: RegionRole = ctx.role === "primary" ? "dr" : "primary";
  const otherVaultName = BackupVault.vaultName(namer.forScope(other));
  const backupPlan = buildFromConfig(
    AuroraBackupPlan,
    scope,
    "AuroraBackup",
    {
      namer,
      vaultName: backupVault.name,
      scheduleExpression: config.backup.scheduleExpression,
      retentionDays: config.backup.retentionDays,
      copyDestinationVaultArn: `arn:aws:backup:${config.regions[other].region}:${ctx.accountId}:backup-vault:${otherVaultName}`,
      copyRetentionDays: config.backup.copyRetentionDays,
      resourceArns: [parts.dataTier.aurora.arn],
    },
    {
      scheduleExpression: "backup.scheduleExpression",
      retentionDays: "backup.retentionDays",
      copyRetentionDays: "backup.copyRetentionDays",
    },
  );
  return { logArchive, albLogs, backupVault, backupPlan };
}
