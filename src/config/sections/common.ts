import { z } from "zod";
import { AWS_REGION } from "../../validation/aws-identifiers";
import { type IntRange, rangeRule, type TextPattern } from "../../validation/limits";
import { isCidr, parseCidr, VPC_PREFIX_LENGTH } from "../network";

/** Field types several sections share, and the builders every section uses for its leaves. */

/**
 * What a number counts, shown in the JSON Schema and README beside its description. Every
 * numeric setting names one (a test checks), so nobody has to guess seconds from milliseconds.
 */
export type Unit =
  | "seconds"
  | "minutes"
  | "days"
  | "milliseconds"
  | "GiB"
  | "MiB"
  | "millicores"
  | "percent"
  | "requests"
  | "pods"
  | "instances"
  | "nodes"
  | "images"
  | "attempts"
  | "probes"
  | "TCP port"
  | "generation";

/** A whole number within `range` (its message says the range and whose limit it is), counting `unit`. */
export function wholeNumber(range: IntRange, unit: Unit) {
  const rule = { message: rangeRule(range) };
  const atLeast = z.int().min(range.min, rule);
  return (range.max === Number.MAX_SAFE_INTEGER ? atLeast : atLeast.max(range.max, rule)).meta({ unit });
}

/** A string `pattern` accepts; the message says what it must be. */
export function matching(pattern: TextPattern) {
  return z.string().regex(pattern.regex, { message: `must be ${pattern.describes}` });
}

/** Adds the problem `problemOf` finds, if any, to the value's own path. */
export function refineWith<T>(problemOf: (value: T) => string | undefined) {
  return (value: T, ctx: z.core.$RefinementCtx<T>) => {
    const problem = problemOf(value);
    if (problem !== undefined) {
      ctx.addIssue({ code: "custom", message: problem });
    }
  };
}

/** One value per region role, fixed to its region; `what` describes both. */
export function perRole<T extends z.ZodType>(value: T, what: string) {
  return z
    .strictObject({
      primary: value.describe(`${what}, in the primary region`),
      dr: value.describe(`${what}, in the DR region`),
    })
    .describe(`${what}, per region`);
}

/**
 * A value for the region that is live (`dr.activeRole`) and one for the other, warm-standby
 * region: failing over flips which region gets which. `what` describes both.
 */
export function perState<T extends z.ZodType>(value: T, what: string) {
  return z
    .strictObject({
      active: value.describe(`${what}, in the live region (dr.activeRole)`),
      standby: value.describe(`${what}, in the warm-standby region`),
    })
    .describe(`${what}, in the live region and in the warm-standby one (they swap when dr.activeRole flips)`);
}

export const cidrBlock = z.string().superRefine((text, ctx) => {
  const cidr = parseCidr(text);
  if (!isCidr(cidr)) {
    ctx.addIssue({ code: "custom", message: cidr.error });
  } else if (cidr.prefixLength < VPC_PREFIX_LENGTH.min || cidr.prefixLength > VPC_PREFIX_LENGTH.max) {
    ctx.addIssue({
      code: "custom",
      message: `"${text}" is a /${cidr.prefixLength}; AWS allows VPCs from /16 to /28 and titan needs /${VPC_PREFIX_LENGTH.min} to /${VPC_PREFIX_LENGTH.max} to fit three subnet tiers per AZ`,
    });
  }
});

export const cidrAnySize = z.string().superRefine((text, ctx) => {
  const cidr = parseCidr(text);
  if (!isCidr(cidr)) {
    ctx.addIssue({ code: "custom", message: cidr.error });
  } else if (cidr.prefixLength === 0) {
    ctx.addIssue({
      code: "custom",
      message: "0.0.0.0/0 would open the Kubernetes API to the internet; list your own ranges",
    });
  }
});

export const region = matching(AWS_REGION);
