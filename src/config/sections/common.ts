import { z } from "zod";
import { isCidr, parseCidr } from "../network";
import { REGION_PATTERN } from "../regions";

/** Field types several sections share. */

export const perRole = <T extends z.ZodType>(value: T) => z.strictObject({ primary: value, dr: value });

/**
 * A size for the region that is live (`dr.activeRole`) and one for the other, warm-standby region:
 * failing over flips which region gets which.
 */
export const perState = <T extends z.ZodType>(value: T) => z.strictObject({ active: value, standby: value });

export const cidrBlock = z.string().superRefine((text, ctx) => {
  const cidr = parseCidr(text);
  if (!isCidr(cidr)) {
    ctx.addIssue({ code: "custom", message: cidr.error });
  } else if (cidr.prefixLength < 16 || cidr.prefixLength > 24) {
    ctx.addIssue({
      code: "custom",
      message: `"${text}" is a /${cidr.prefixLength}; AWS allows VPCs from /16 to /28 and titan needs /16 to /24 to fit three subnet tiers per AZ`,
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

export const region = z.string().regex(REGION_PATTERN, { message: "must be an AWS region code such as us-east-2" });

export const amiId = z
  .string()
  .regex(/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/, { message: "must be an AMI id: ami- and 8 or 17 hex digits" });
