import { z } from "zod";
import { BACKUP_RETENTION_DAYS, BACKUP_SCHEDULE } from "../../modules/backup/limits";
import { ALARM_EVALUATION_MINUTES, ALARM_MINIMUM_REQUESTS, ALARM_PERCENT } from "../../modules/observability/limits";
import { LOG_RETENTION_DAYS } from "../../modules/observability/log-retention";
import { glacierMinimumProblem, LIFECYCLE_DAYS, lifecycleOrderProblem } from "../../modules/storage/limits";
import { EMAIL_ADDRESS } from "../../validation/limits";
import { matching, wholeNumber } from "./common";

/** Running it: log archive lifecycle, backups, logs and alarms. */

export const logArchiveSchema = z
  .strictObject({
    glacierAfterDays: wholeNumber(LIFECYCLE_DAYS, "days").describe(
      'Days before log objects move to Glacier (seed: "archive old S3 data to Glacier")',
    ),
    expireAfterDays: wholeNumber(LIFECYCLE_DAYS, "days").describe(
      "Days before log objects are deleted; more than 90 after glacierAfterDays",
    ),
  })
  .superRefine((value, ctx) => {
    const problem = lifecycleOrderProblem(value) ?? glacierMinimumProblem(value);
    if (problem !== undefined) {
      ctx.addIssue({ code: "custom", path: ["expireAfterDays"], message: problem });
    }
  });

export const backupSchema = z.strictObject({
  scheduleExpression: matching(BACKUP_SCHEDULE).describe(
    "When the active region's daily Aurora backup starts (AWS Backup cron, UTC)",
  ),
  retentionDays: wholeNumber(BACKUP_RETENTION_DAYS, "days").describe(
    "Days recovery points are kept in the active region's vault",
  ),
  copyRetentionDays: wholeNumber(BACKUP_RETENTION_DAYS, "days").describe(
    "Days the copies are kept in the other region's vault",
  ),
});

/** When a share of refused requests pages someone; `what` says whose requests and which refusals. */
function refusedShare(what: string) {
  return z
    .strictObject({
      thresholdPercent: wholeNumber(ALARM_PERCENT, "percent").describe(
        `Share of ${what} above which a minute counts toward the alarm`,
      ),
      minimumRequestsPerMinute: wholeNumber(ALARM_MINIMUM_REQUESTS, "requests").describe(
        "Requests in a minute below which the share is not judged, so little traffic (an idle standby) never pages",
      ),
      evaluationMinutes: wholeNumber(ALARM_EVALUATION_MINUTES, "minutes").describe(
        "Consecutive minutes above the threshold that fire the alarm",
      ),
    })
    .describe(`Alarm on the share of ${what}`);
}

export const observabilitySchema = z.strictObject({
  logRetentionDays: z
    .literal(LOG_RETENTION_DAYS, {
      error: `must be one of the retention periods CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(", ")}`,
    })
    .meta({ unit: "days" })
    .describe("Days CloudWatch Logs keeps every log group titan creates; one of the values CloudWatch accepts"),
  alarmEmails: z
    .array(matching(EMAIL_ADDRESS))
    .superRefine((addresses, ctx) => {
      addresses.forEach((address, index) => {
        if (addresses.indexOf(address) !== index) {
          ctx.addIssue({ code: "custom", path: [index], message: `lists "${address}" again; list each address once` });
        }
      });
    })
    .describe("Addresses subscribed to the alarm topics (each must confirm); the DR release approval goes there too"),
  alarmsSubscribedElsewhere: z
    .boolean()
    .describe(
      "True when something outside titan (a pager or chat integration) subscribes to the titan-<role>-alarms topics; " +
        "silences the warning that nobody receives alarms",
    ),
  refusedRequests: z
    .strictObject({
      loadBalancer: refusedShare(
        "requests each region's ALB answers itself with a 4xx (its 403 to a request without the origin-verify header among them)",
      ),
      cloudFront: refusedShare(
        "viewer requests CloudFront answers with a 4xx (the web ACL's, the origins' and the app's)",
      ),
      waf: refusedShare("requests the edge web ACL judges that it blocks"),
    })
    .describe(
      "Alarms on refused requests: an origin-verify header the ALBs no longer accept, or a WAF rule blocking ordinary " +
        "requests, is an outage the health checks cannot see",
    ),
});
