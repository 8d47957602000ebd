import { z } from "zod";
import { ciSchema } from "./sections/ci";
import { appScalingSchema, clusterPlatformSchema } from "./sections/cluster-platform";
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
    project: z
      .string()
      .regex(/^[a-z][a-z0-9]{1,11}$/, { message: "must be 2-12 lowercase letters and digits, starting with a letter" })
      .describe("Prefix of every physical name"),
    bucketSuffix: z
      .string()
      .regex(/^([a-z0-9][a-z0-9-]{0,20})?$/, {
        message: "must be empty or up to 21 lowercase letters, digits and hyphens",
      })
      .describe("Appended to S3 bucket names, which are global across all AWS accounts (e.g. your account id)"),
    app: appSchema.extend({ scaling: appScalingSchema }),
    regions: regionsSchema,
    web: webSchema,
    domain: domainSchema,
    database: databaseSchema,
    cache: cacheSchema,
    logArchive: logArchiveSchema,
    backup: backupSchema,
    observability: observabilitySchema,
    kubernetes: kubernetesSchema.extend({ platform: clusterPlatformSchema }),
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
  .describe("titan configuration: deep-merged over the defaults from the file named by TITAN_CONFIG");

export type TitanConfig = z.infer<typeof configSchema>;
export type RegionConfig = TitanConfig["regions"]["primary"];
