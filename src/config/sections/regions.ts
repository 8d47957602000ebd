import { z } from "zod";
import { AMI_ID } from "../../modules/web/limits";
import { cidrsOverlap, isCidr, parseCidr } from "../network";
import { availabilityZoneProblem } from "../regions";
import { cidrBlock, matching, region } from "./common";

/** The two regions: geography, addressing and the per-region choices that are not capacity. */

const regionSchema = z
  .strictObject({
    region: region.describe("AWS region code of this region role"),
    availabilityZones: z
      .array(z.string())
      .min(2, { message: "needs at least 2 Availability Zones: Multi-AZ Aurora, Redis and ALB all require 2" })
      .describe(
        "Zones by AZ ID (e.g. use2-az1), not name: names map to physical zones per account. " +
          "aws ec2 describe-availability-zones lists ZoneName beside ZoneId",
      ),
    vpcCidr: cidrBlock.describe("VPC CIDR, /16 to /24; must not overlap the other region's"),
    webAmiId: matching(AMI_ID).describe("AMI for the EC2 web tier in this region (web.runtime = ec2)"),
    natGateways: z
      .enum(["perAz", "single"])
      .describe("One NAT gateway per AZ (survives an AZ loss) or a single one (cheaper warm standby)"),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.availabilityZones.forEach((zone, index) => {
      const problem = availabilityZoneProblem(value.region, zone);
      if (problem) {
        ctx.addIssue({ code: "custom", path: ["availabilityZones", index], message: problem });
      }
      if (seen.has(zone)) {
        ctx.addIssue({ code: "custom", path: ["availabilityZones", index], message: `"${zone}" is listed twice` });
      }
      seen.add(zone);
    });
  });

export const regionsSchema = z.strictObject({ primary: regionSchema, dr: regionSchema }).superRefine((value, ctx) => {
  if (value.primary.region === value.dr.region) {
    ctx.addIssue({
      code: "custom",
      path: ["dr", "region"],
      message: `"${value.dr.region}" is also the primary region; disaster recovery needs a second region`,
    });
  }
  if (value.primary.natGateways !== "perAz") {
    ctx.addIssue({
      code: "custom",
      path: ["primary", "natGateways"],
      message: `the primary region must keep "perAz" so losing one AZ does not cut egress; "single" is for dr`,
    });
  }
  const primary = parseCidr(value.primary.vpcCidr);
  const dr = parseCidr(value.dr.vpcCidr);
  if (isCidr(primary) && isCidr(dr) && cidrsOverlap(primary, dr)) {
    ctx.addIssue({
      code: "custom",
      path: ["dr", "vpcCidr"],
      message: `"${value.dr.vpcCidr}" overlaps the primary VPC "${value.primary.vpcCidr}"; peering, replication and failover need disjoint ranges`,
    });
  }
});
