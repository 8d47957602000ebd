import { BackupPlan } from "@cdktf/provider-aws/lib/backup-plan";
import { BackupSelection } from "@cdktf/provider-aws/lib/backup-selection";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Testing } from "cdktf";
import { AuroraBackupPlan, type AuroraBackupPlanProps } from "../../../src/modules/backup/aurora-backup-plan";
import { Namer } from "../../../src/naming";
import { ConstructValidationError } from "../../support/construct-errors";

const DR_VAULT = "arn:aws:backup:us-west-1:111122223333:backup-vault:titan-dr-backup";
const CLUSTER = "arn:aws:rds:us-east-2:111122223333:cluster:titan-primary-aurora";

const baseProps: AuroraBackupPlanProps = {
  namer: new Namer("titan", "primary"),
  vaultName: "titan-primary-backup",
  scheduleExpression: "cron(0 7 * * ? *)",
  retentionDays: 35,
  copyDestinationVaultArn: DR_VAULT,
  copyRetentionDays: 14,
  resourceArns: [CLUSTER],
};

function synth(props: Partial<AuroraBackupPlanProps> = {}): string {
  return Testing.synthScope((scope) => {
    new AuroraBackupPlan(scope, "AuroraBackup", { ...baseProps, ...props });
  });
}

describe("AuroraBackupPlan", () => {
  it("backs up daily into the local vault, within an hour of schedule, done within three", () => {
    expect(synth()).toHaveResourceWithProperties(BackupPlan, {
      name: "titan-primary-aurora",
      rule: [
        expect.objectContaining({
          rule_name: "daily",
          target_vault_name: "titan-primary-backup",
          schedule: "cron(0 7 * * ? *)",
          start_window: 60,
          completion_window: 180,
          lifecycle: { delete_after: 35 },
        }),
      ],
    });
  });

  it("copies every recovery point to the DR vault with its own retention", () => {
    expect(synth()).toHaveResourceWithProperties(BackupPlan, {
      rule: [
        expect.objectContaining({
          copy_action: [{ destination_vault_arn: DR_VAULT, lifecycle: { delete_after: 14 } }],
        }),
      ],
    });
  });

  it("selects the Aurora cluster, through the plan's role", () => {
    expect(synth()).toHaveResourceWithProperties(BackupSelection, {
      name: "titan-primary-aurora",
      resources: [CLUSTER],
      plan_id: expect.stringMatching(/aws_backup_plan\.AuroraBackup_\w+\.id/),
      iam_role_arn: expect.stringMatching(/aws_iam_role\.AuroraBackup_Role_\w+\.arn/),
    });
  });

  it("runs as a role only AWS Backup can assume, with the backup and restore managed policies", () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(IamRole, { name: "titan-primary-aurora-backup" });
    expect(json).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        { actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["backup.amazonaws.com"] }] },
      ],
    });
    for (const policy of ["AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores"]) {
      expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, {
        policy_arn: `arn:aws:iam::aws:policy/service-role/${policy}`,
      });
    }
  });

  test.each<[string, Partial<AuroraBackupPlanProps>, RegExp]>([
    [
      "a rate expression",
      { scheduleExpression: "rate(1 day)" },
      /scheduleExpression: must be an AWS Backup cron expression such as cron\(0 7 \* \* \? \*\).*got "rate\(1 day\)"/,
    ],
    [
      "no local retention",
      { retentionDays: 0 },
      /retentionDays: must be a whole number from 1 to 36500 \(AWS Backup's limit\).*got 0/,
    ],
    ["no copy retention", { copyRetentionDays: 0 }, /copyRetentionDays: must be .*got 0/],
    [
      "a copy to a vault name",
      { copyDestinationVaultArn: "titan-dr-backup" },
      /copyDestinationVaultArn: must be a vault ARN .*got "titan-dr-backup"/,
    ],
    ["nothing to back up", { resourceArns: [] }, /resourceArns: must list the Aurora cluster ARN.*got none/],
  ])("rejects %s, naming the plan", (_case, props, message) => {
    expect(() => synth(props)).toThrow(ConstructValidationError);
    expect(() => synth(props)).toThrow(message);
  });
});
