/** What AWS Backup accepts, written once for config validation and the backup constructs. */
import { intRange, textPattern } from "../../validation/limits";

export const BACKUP_SCHEDULE = textPattern(/^cron\(.+\)$/, "an AWS Backup cron expression such as cron(0 7 * * ? *)");

/** Days AWS Backup keeps a recovery point (100 years at most). */
export const BACKUP_RETENTION_DAYS = intRange(1, 36500, "AWS Backup's limit");

export const BACKUP_VAULT_ARN = textPattern(
  /^arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:.+$/,
  "a vault ARN (arn:aws:backup:<region>:<account>:backup-vault:<name>)",
);
