import { z } from "zod";
import { zonalMaxProblem } from "../modules/compute/limits";
import { commonNameProblem } from "../modules/dns/limits";
import { originHostname } from "../modules/edge/origin-names";
import { autoscalerImageTagProblem } from "../modules/k8s/limits";
import { textPattern } from "../validation/limits";
import { ciSchema } from "./sections/ci";
import { appScalingSchema, clusterPlatformSchema } from "./sections/cluster-platform";
import { matching } from "./sections/common";
import { cacheSchema, databaseSchema } from "./sections/data";
import { drSchema } from "./sections/dr";
import { edgeSchema } from "./sections/edge";
import { backupSchema, logArchiveSchema, observabilitySchema } from "./sections/operations";
import { appSchema, deliverySchema, domainSchema, kubernetesSchema, webSchema } from "./sections/platform";
import { regionsSchema } from "./sections/regions";

/**
 * The config contract: the single source of truth for titan's settings.
 *
 * Every object is strict so a typo (`vpcCidrs`) is an error rather than a silently ignored key.
 * Cross-field rules sit on the smallest object holding the fields they compare, so one bad value
 * elsewhere never hides them (zod skips a refinement only when its own object has a type error).
 * The sections live in `sections/`, one concept each; the JSON Schema published for editors is
 * generated from the assembled schema (`npm run schema`).
 */

export const configSchema = z
  .strictObject({
    project: matching(
      textPattern(/^[a-z][a-z0-9]{1,11}$/, "2-12 lowercase letters and digits, starting with a letter"),
    ).describe("Prefix of every physical name"),
    bucketSuffix: matching(
      textPattern(/^([a-z0-9][a-z0-9-]{0,20})?$/, "empty or up to 21 lowercase letters, digits and hyphens"),
    ).describe("Appended to S3 bucket names, which are global across all AWS accounts (e.g. your account id)"),
    app: appSchema.extend({ scaling: appScalingSchema }),
    regions: regionsSchema,
    web: webSchema,
    domain: domainSchema.superRefine((value, ctx) => {
      // The regional certificates' first name is origin.<apiHostname>, global's the name itself.
      const problem = commonNameProblem(originHostname(value.apiHostname));
      if (problem !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["apiHostname"],
          message: `${problem}, and the regions' certificates are issued for origin.<apiHostname>; use a shorter name`,
        });
      }
    }),
    database: databaseSchema,
    cache: cacheSchema,
    logArchive: logArchiveSchema,
    backup: backupSchema,
    observability: observabilitySchema,
    kubernetes: kubernetesSchema.extend({ platform: clusterPlatformSchema }).superRefine((value, ctx) => {
      const tag = value.platform.clusterAutoscaler.imageTag;
      const problem = tag === undefined ? undefined : autoscalerImageTagProblem(value.version, tag);
      if (problem !== undefined) {
        ctx.addIssue({ code: "custom", path: ["platform", "clusterAutoscaler", "imageTag"], message: problem });
      }
    }),
    delivery: deliverySchema,
    edge: edgeSchema,
    dr: drSchema,
    ci: ciSchema,
    teardown: z
      .boolean()
      .describe(
        "Lift every deletion protection so `destroy` can remove this environment: set true, apply every stack once, then destroy in reverse deploy order (README, Teardown). Short-lived environments only",
      ),
  })
  .superRefine((value, ctx) => {
    // Each zone has its own node group, and either region may be the live one (dr.activeRole).
    const zones = Math.max(...Object.values(value.regions).map((region) => region.availabilityZones.length));
    for (const state of ["active", "standby"] as const) {
      const problem = zonalMaxProblem(value.kubernetes.nodes[state].max, zones);
      if (problem !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["kubernetes", "nodes", state, "max"],
          message: `${problem}; either region may be the ${state} one, and the larger has ${zones} zones`,
        });
      }
    }
  })
  .describe("titan configuration: deep-merged over the defaults from the file named by TITAN_CONFIG");

export type TitanConfig = z.infer<typeof configSchema>;
export type RegionConfig = TitanConfig["regions"]["primary"];
