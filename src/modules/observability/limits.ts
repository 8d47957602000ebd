/**
 * What CloudWatch accepts for titan's alarm settings, written once for config validation and the
 * alarm constructs; free of provider imports so the config can load it cheaply.
 */
import { intRange } from "../../validation/limits";

/** A threshold in whole percent: 0 would fire on any rejection, 100 never. */
export const ALARM_PERCENT = intRange(1, 99, "a share of requests, above 0 and below 100");

/**
 * Consecutive one-minute periods an alarm waits for. CloudWatch refuses an alarm that evaluates
 * more than a day (evaluation periods x period <= 86,400 s).
 */
export const ALARM_EVALUATION_MINUTES = intRange(1, 1440, "CloudWatch evaluates at most a day");

/** Requests a minute below which a rate is not judged: at least 1, so the rate never divides by 0. */
export const ALARM_MINIMUM_REQUESTS = intRange(1, 1_000_000);
