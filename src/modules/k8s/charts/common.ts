import { z } from "zod";
import { PLATFORM_REPLICAS } from "../limits";

/** Schema pieces the platform charts' values share. */

export const quantity = z
  .string()
  .regex(/^\d+(m|Mi|Gi)?$/, { message: "must be a Kubernetes quantity such as 100m or 128Mi" });

export const resources = z.strictObject({
  requests: z.strictObject({ cpu: quantity, memory: quantity }),
  // No CPU limit: throttling a controller slows reconciliation; memory limits stop a leak.
  limits: z.strictObject({ memory: quantity }),
});

export const irsaAnnotation = z.strictObject({
  "eks.amazonaws.com/role-arn": z.string().regex(/^(arn:aws[a-z-]*:iam::(\d{12}|\$\{.+\}):role\/.+)$/, {
    message: "must be an IAM role ARN",
  }),
});

export const replicas = z.int().min(PLATFORM_REPLICAS.min).max(PLATFORM_REPLICAS.max);

/** Pods of the platform spread over zones, so an AZ loss never takes every replica. */
export const zoneSpread = (labels: Record<string, string>) => [
  {
    maxSkew: 1,
    topologyKey: "topology.kubernetes.io/zone",
    whenUnsatisfiable: "ScheduleAnyway" as const,
    labelSelector: { matchLabels: labels },
  },
];

export const topologySpread = z.array(
  z.strictObject({
    maxSkew: z.int().min(1),
    topologyKey: z.string(),
    whenUnsatisfiable: z.enum(["ScheduleAnyway", "DoNotSchedule"]),
    labelSelector: z.strictObject({ matchLabels: z.record(z.string(), z.string()) }),
  }),
);
