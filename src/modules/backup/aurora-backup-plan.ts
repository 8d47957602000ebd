import { BackupPlan } from "@cdktf/provider-aws/lib/backup-plan";
import { BackupSelection } from "@cdktf/provider-aws/lib/backup-selection";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { PropChecks } from "../../validation/prop-checks";
import { ServiceRole } from "../security/service-role";
import { BACKUP_RETENTION_DAYS, BACKUP_SCHEDULE, BACKUP_VAULT_ARN } from "./limits";

export interface AuroraBackupPlanProps {
  readonly namer: Namer;
  /** The local vault (`BackupVault.name`). */
  readonly vaultName: string;
  /** When the daily backup starts, an AWS Backup cron expression in UTC, e.g. "cron(0 7 * * ? *)". */
  readonly scheduleExpression: string;
  /** Days each local recovery point is kept. */
  readonly retentionDays: number;
  /** The other region's vault that every recovery point is copied to. */
  readonly copyDestinationVaultArn: string;
  /** Days each copy in the other region is kept. */
  readonly copyRetentionDays: number;
  /** What to back up: the Aurora cluster ARN. */
  readonly resourceArns: readonly string[];
}

/** An hour to start absorbs AWS Backup's scheduling jitter; three to finish covers a cluster snapshot. */
const START_WINDOW_MINUTES = 60;
const COMPLETION_WINDOW_MINUTES = 180;

const MANAGED_POLICY_ARNS = [
  "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
  "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
] as const;

/**
 * Daily AWS Backup of the Aurora cluster into the local vault, each recovery point copied to the
 * other region's vault. Built in whichever region holds the writer.
 *
 * Why on top of Aurora's own automated backups and the global database: replication copies a bad
 * write or a dropped table to the secondary within a second, and automated backups die with the
 * cluster. A copy in another region, under that region's key, with its own retention, survives
 * both a regional outage and a deleted cluster.
 */
export class AuroraBackupPlan extends Construct {
  readonly plan: BackupPlan;
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: AuroraBackupPlanProps) {
    super(scope, id);
    const planName = props.namer.name("aurora", "backupPlan");
    validate(this, props);

    this.role = new ServiceRole(this, "Role", {
      roleName: props.namer.name("aurora-backup", "iamRole"),
      servicePrincipal: "backup.amazonaws.com",
      managedPolicyArns: MANAGED_POLICY_ARNS,
    }).role;

    this.plan = new BackupPlan(this, "Resource", {
      name: planName,
      rule: [
        {
          ruleName: "daily",
          targetVaultName: props.vaultName,
          schedule: props.scheduleExpression,
          startWindow: START_WINDOW_MINUTES,
          completionWindow: COMPLETION_WINDOW_MINUTES,
          lifecycle: { deleteAfter: props.retentionDays },
          copyAction: [
            {
              destinationVaultArn: props.copyDestinationVaultArn,
              lifecycle: { deleteAfter: props.copyRetentionDays },
            },
          ],
        },
      ],
    });

    new BackupSelection(this, "Selection", {
      name: props.namer.name("aurora", "backupSelection"),
      planId: this.plan.id,
      iamRoleArn: this.role.arn,
      resources: [...props.resourceArns],
    });
  }
}

function validate(scope: Construct, props: AuroraBackupPlanProps): void {
  new PropChecks(scope)
    .matches("scheduleExpression", props.scheduleExpression, BACKUP_SCHEDULE)
    .wholeNumber("retentionDays", props.retentionDays, BACKUP_RETENTION_DAYS)
    .wholeNumber("copyRetentionDays", props.copyRetentionDays, BACKUP_RETENTION_DAYS)
    .matches("copyDestinationVaultArn", props.copyDestinationVaultArn, BACKUP_VAULT_ARN)
    .notEmpty("resourceArns", props.resourceArns, "the Aurora cluster ARN")
    .throwIfAny();
}
