import { z } from "zod";
import { perRole } from "./common";

/**
 * What runs in the clusters: the platform releases the `*-k8s` stacks install (replicas and
 * storage per region role) and the app's pod scaling, which the delivery pipeline passes to the
 * app's chart. Node-group sizes live in `kubernetes.nodes`.
 */

const replicas = (what: string, max = 10) =>
  perRole(z.int().min(1).max(max)).describe(`${what} replicas (pods) per region role`);

export const clusterPlatformSchema = z
  .strictObject({
    loadBalancerController: z.strictObject({
      replicas: replicas("AWS Load Balancer Controller", 5),
    }),
    clusterAutoscaler: z.strictObject({
      replicas: replicas("cluster-autoscaler (one leads, others stand by)", 3),
      imageTag: z
        .string()
        .regex(/^v1\.\d{2}\.\d+$/, { message: "must be a cluster-autoscaler release tag such as v1.32.1" })
        .optional()
        .describe(
          "cluster-autoscaler image tag; must match kubernetes.version's minor. Unset: v<kubernetes.version>.0",
        ),
    }),
    tracing: z.strictObject({
      replicas: replicas("OpenTelemetry collector (OTLP in, X-Ray out)"),
    }),
    prometheus: z.strictObject({
      replicas: replicas("Prometheus server", 3),
      retentionDays: z.int().min(1).max(90).describe("Days Prometheus keeps samples on its volume"),
      storageGib: perRole(z.int().min(10).max(1000)).describe("Size of each Prometheus volume (GiB, gp3, CMK)"),
    }),
    grafana: z.strictObject({
      replicas: replicas("Grafana", 3),
      adminPasswordVersion: z
        .int()
        .min(1)
        .describe("Generation of the generated Grafana admin password; bump by one to rotate it"),
    }),
  })
  .superRefine((value, ctx) => {
    const days = value.prometheus.retentionDays;
    for (const role of ["primary", "dr"] as const) {
      // Roughly 1-2 bytes per sample: a small cluster writes well under 1 GiB a day.
      if (value.prometheus.storageGib[role] < days) {
        ctx.addIssue({
          code: "custom",
          path: ["prometheus", "storageGib", role],
          message: `${value.prometheus.storageGib[role]} GiB is less than 1 GiB per retained day (${days}); raise it or lower prometheus.retentionDays`,
        });
      }
    }
  });

const replicaBounds = z
  .strictObject({
    minReplicas: z.int().min(1).max(100).describe("Fewest app pods the HPA keeps"),
    maxReplicas: z.int().min(1).max(200).describe("Most app pods the HPA may run"),
  })
  .superRefine((value, ctx) => {
    if (value.minReplicas > value.maxReplicas) {
      ctx.addIssue({
        code: "custom",
        path: ["minReplicas"],
        message: `minReplicas ${value.minReplicas} is above maxReplicas ${value.maxReplicas}`,
      });
    }
  });

export const appScalingSchema = z
  .strictObject({
    replicas: perRole(replicaBounds).describe("HPA bounds per region role (DR: warm standby that scales out)"),
    targetCpuPercent: z.int().min(10).max(95).describe("Average CPU utilization (% of the request) the HPA aims for"),
    cpuRequestMillicores: z.int().min(50).max(4000).describe("CPU each app pod requests (millicores)"),
    cpuLimitMillicores: z.int().min(50).max(8000).describe("CPU each app pod may use (millicores)"),
    memoryRequestMib: z.int().min(32).max(16384).describe("Memory each app pod requests (MiB)"),
    memoryLimitMib: z.int().min(32).max(16384).describe("Memory each app pod may use before it is killed (MiB)"),
  })
  .superRefine((value, ctx) => {
    if (value.cpuLimitMillicores < value.cpuRequestMillicores) {
      ctx.addIssue({
        code: "custom",
        path: ["cpuLimitMillicores"],
        message: `${value.cpuLimitMillicores}m is below the request ${value.cpuRequestMillicores}m; a limit must be at least the request`,
      });
    }
    if (value.memoryLimitMib < value.memoryRequestMib) {
      ctx.addIssue({
        code: "custom",
        path: ["memoryLimitMib"],
        message: `${value.memoryLimitMib} MiB is below the request ${value.memoryRequestMib} MiB; a limit must be at least the request`,
      });
    }
    const { primary, dr } = value.replicas;
    // A failover sends primary's whole load to DR: its HPA must be allowed to grow as far.
    if (dr.maxReplicas < primary.maxReplicas) {
      ctx.addIssue({
        code: "custom",
        path: ["replicas", "dr", "maxReplicas"],
        message: `${dr.maxReplicas} is below primary's ${primary.maxReplicas}; after a failover DR serves primary's load, so its HPA maximum must be at least as high`,
      });
    }
  });

export type ClusterPlatformConfig = z.infer<typeof clusterPlatformSchema>;
export type AppScalingConfig = z.infer<typeof appScalingSchema>;
