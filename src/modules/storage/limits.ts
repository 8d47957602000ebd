/** What the log buckets accept, written once for config validation and the constructs. */
import { intRange } from "../../validation/limits";

/** Days before a lifecycle rule moves or deletes objects. */
export const LIFECYCLE_DAYS = intRange(1, Number.MAX_SAFE_INTEGER);

/** Why S3 refuses a lifecycle that expires objects before they reach Glacier, or undefined. */
export function lifecycleOrderProblem(days: { glacierAfterDays: number; expireAfterDays: number }): string | undefined {
  return days.expireAfterDays > days.glacierAfterDays
    ? undefined
    : `${days.expireAfterDays} days is not after glacierAfterDays (${days.glacierAfterDays}); S3 expires objects only after their last transition`;
}

/** Glacier bills 90 days of storage for every object, even one deleted sooner. */
export const GLACIER_MINIMUM_STORAGE_DAYS = 90;

/** Why objects would leave Glacier before its minimum storage duration (billed anyway), or undefined. */
export function glacierMinimumProblem(days: { glacierAfterDays: number; expireAfterDays: number }): string | undefined {
  const floor = days.glacierAfterDays + GLACIER_MINIMUM_STORAGE_DAYS;
  return days.expireAfterDays > floor
    ? undefined
    : `${days.expireAfterDays} days leaves under ${GLACIER_MINIMUM_STORAGE_DAYS} days in Glacier, its minimum storage duration (billed anyway); use more than ${floor}`;
}
