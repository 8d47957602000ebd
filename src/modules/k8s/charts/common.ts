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

/** An image a chart takes as registry and repository apart: the region's ECR cache. */
export const cachedImage = z.strictObject({ registry: z.string().min(1), repository: z.string().min(1) });

/**
 * The restricted Pod Security profile, as the charts' `podSecurityContext` and `securityContext`
 * values write it: non-root, the runtime's seccomp profile, no privilege escalation, no
 * capability, a read-only root filesystem.
 */
export const restrictedPodSecurityContext = z.strictObject({
  runAsNonRoot: z.literal(true),
  runAsUser: z.int().min(1),
  runAsGroup: z.int().min(1),
  seccompProfile: z.strictObject({ type: z.literal("RuntimeDefault") }),
});

export const restrictedContainerSecurityContext = z.strictObject({
  allowPrivilegeEscalation: z.literal(false),
  readOnlyRootFilesystem: z.literal(true),
  capabilities: z.strictObject({ drop: z.tuple([z.literal("ALL")]) }),
});

/** The restricted security context for an image that runs as `uid`. */
export function restrictedSecurityContexts(uid: number) {
  return {
    podSecurityContext: {
      runAsNonRoot: true as const,
      runAsUser: uid,
      runAsGroup: uid,
      seccompProfile: { type: "RuntimeDefault" as const },
    },
    securityContext: {
      allowPrivilegeEscalation: false as const,
      readOnlyRootFilesystem: true as const,
      capabilities: { drop: ["ALL"] as ["ALL"] },
    },
  };
}
