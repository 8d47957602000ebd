import { z } from "zod";
import { LOG_RETENTION_DAYS } from "../../modules/observability/log-retention";

/** Running it: log archive lifecycle, backups, logs and alarms. */

export const logArchiveSchema = z
  .strictObject({
    glacierAfterDays: z
      .int()
      .min(1)
      .describe('Days before log objects move to Glacier (seed: "archive old S3 data to Glacier")'),
    expireAfterDays: z.int().min(2).describe("Days before log objects are deleted"),
  })
  .superRefine((value, ctx) => {
    if (value.expireAfterDays <= value.glacierAfterDays + 90) {
      ctx.addIssue({
        code: "custom",
        path: ["expireAfterDays"],
        message: `${value.expireAfterDays} days leaves under 90 days in Glacier, its minimum storage duration (billed anyway); use more than ${value.glacierAfterDays + 90}`,
      });
    }
  });

export const backupSchema = z.strictObject({
  scheduleExpression: z
    .string()
    .regex(/^cron\(.+\)$/, { message: "must be an AWS Backup cron expression such as cron(0 5 * * ? *)" }),
  retentionDays: z.int().min(1).max(36500),
  copyRetentionDays: z.int().min(1).max(36500).describe("Retention of the copies in the DR region's vault"),
});

export const observabilitySchema = z.strictObject({
  logRetentionDays: z
    .literal(LOG_RETENTION_DAYS)
    .describe("CloudWatch Logs retention; one of the values CloudWatch accepts"),
  alarmEmails: z
    .array(z.email())
    .describe("Addresses subscribed to the alarm topics (each must confirm); the DR release approval goes there too"),
  alarmsSubscribedElsewhere: z
    .boolean()
    .describe(
      "True when something outside titan (a pager or chat integration) subscribes to the titan-<role>-alarms topics; " +
        "silences the warning that nobody receives alarms",
    ),
});
