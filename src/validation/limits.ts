/**
 * The shape of a limit that config validation and constructs share, so each is written once: the
 * zod schema builds its rule from the same object a construct checks its prop against (see
 * `src/config/sections/common.ts` and {@link PropChecks}). Limit objects live beside the AWS facts
 * they come from (`src/modules/<concern>/limits.ts`) and import nothing from the provider.
 */

/** Whole numbers from `min` to `max`, both included. */
export interface IntRange {
  readonly min: number;
  readonly max: number;
  /** Whose limit it is, for messages: "Aurora's limit". */
  readonly why?: string;
}

/** Strings a pattern accepts, and how to say so to a user. */
export interface TextPattern {
  readonly regex: RegExp;
  /** Completes "must be ...": "an RDS instance class such as db.r6g.large". */
  readonly describes: string;
}

export function intRange(min: number, max: number, why?: string): IntRange {
  return { min, max, why };
}

export function textPattern(regex: RegExp, describes: string): TextPattern {
  return { regex, describes };
}

/** "must be a whole number from 1 to 15 (Aurora's limit)" */
export function rangeRule(range: IntRange): string {
  const bounds =
    range.max === Number.MAX_SAFE_INTEGER
      ? `a whole number of ${range.min} or more`
      : `a whole number from ${range.min} to ${range.max}`;
  return `must be ${bounds}${range.why ? ` (${range.why})` : ""}`;
}

export function isWithin(range: IntRange, value: number): boolean {
  return Number.isInteger(value) && value >= range.min && value <= range.max;
}

/** A generation counter (`secret_string_wo_version`, a rotation's number): 1 or more, bumped by one. */
export const GENERATION = intRange(1, Number.MAX_SAFE_INTEGER, "bump it by one to rotate");

/** A TCP port. */
export const TCP_PORT = intRange(1, 65535);

/** A git branch name: what git refuses in a ref, and no wildcard (an OIDC subject must be exact). */
export const GIT_BRANCH = textPattern(/^[^\s~^:?*[\\]+$/, "a git branch name (no spaces, wildcards or ~^:?[\\)");

/** A URL path such as an HTTP health check's. */
export const URL_PATH = textPattern(/^\/[A-Za-z0-9/_.-]*$/, "a URL path such as /health");

/** An email address as SNS takes it for a subscription. */
export const EMAIL_ADDRESS = textPattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "an email address (name@domain)");
