/** What Route 53 and ACM accept, written once for config validation and the DNS constructs. */
import { textPattern } from "../../validation/limits";

/** A fully qualified lowercase domain name (no wildcard, no trailing dot). */
export const DOMAIN_NAME = textPattern(
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
  "a lowercase DNS name such as api.example.com (no wildcard, no trailing dot)",
);

/** ACM puts the first name of a certificate in its subject's common name, at most 64 characters. */
export const MAX_COMMON_NAME_LENGTH = 64;

/** Why ACM cannot issue a certificate whose first name is `name`, or undefined when it can. */
export function commonNameProblem(name: string): string | undefined {
  return name.length > MAX_COMMON_NAME_LENGTH
    ? `"${name}" is ${name.length} characters; ACM accepts at most ${MAX_COMMON_NAME_LENGTH} for a certificate's first name`
    : undefined;
}
