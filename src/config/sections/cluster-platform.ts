import { z } from "zod";
import { CLUSTER_AUTOSCALER_IMAGE_TAG, PLATFORM_REPLICAS } from "../../modules/k8s/limits";
import { GENERATION, intRange } from "../../validation/limits";
import { matching, perRole, perState, wholeNumber } from "./common";

/**
 * What runs in the clusters: the platform releases the `*-k8s` stacks install and the app's pod
 * scaling, which the delivery pipeline passes to the app's chart. Counts follow `dr.activeRole`
 * (`active` in the live region, `standby` in the other), as node groups do; volume sizes stay
 * with their region, since a volume cannot shrink when the live region changes.
 */

const replicas = (what: string, max = PLATFORM_REPLICAS.max) =>
  perState(wholeNumber(intRange(PLATFORM_REPLICAS.min, max), "pods"), `${what} replicas`);

export const clusterPlatformSchema = z
  .strictObject({
    loadBalancerController: z.strictObject({
      replicas: replicas("AWS Load Balancer Controller", 5),
    }),
    clusterAutoscaler: z.strictObject({
      replicas: replicas("cluster-autoscaler (one leads, others stand by)", 3),
      imageTag: matching(CLUSTER_AUTOSCALER_IMAGE_TAG)
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
      retentionDays: wholeNumber(intRange(1, 90), "days").describe("Days Prometheus keeps samples on its volume"),
      storageGib: perRole(
        wholeNumber(intRange(10, 1000), "GiB"),
        "Prometheus volume size (gp3, encrypted with the region's key; a volume keeps its size when the live region changes)",
      ),
    }),
    grafana: z.strictObject({
      replicas: replicas("Grafana", 3),
      adminPasswordVersion: wholeNumber(GENERATION, "generation").describe(
        "Generation of the generated Grafana admin password; bump by one to rotate it",
      ),
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
    minReplicas: wholeNumber(intRange(1, 100), "pods").describe("Fewest app pods the HPA keeps"),
    maxReplicas: wholeNumber(intRange(1, 200), "pods").describe("Most app pods the HPA may run"),
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
    replicas: perState(replicaBounds, "The app's HPA bounds (a warm standby scales out from its own)"),
    targetCpuPercent: wholeNumber(intRange(10, 95), "percent").describe(
      "Average CPU utilization, as a share of the request, the HPA aims for",
    ),
    cpuRequestMillicores: wholeNumber(intRange(50, 4000), "millicores").describe("CPU each app pod requests"),
    cpuLimitMillicores: wholeNumber(intRange(50, 8000), "millicores").describe("CPU each app pod may use"),
    memoryRequestMib: wholeNumber(intRange(32, 16384), "MiB").describe("Memory each app pod requests"),
    memoryLimitMib: wholeNumber(intRange(32, 16384), "MiB").describe("Memory each app pod may use before it is killed"),
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
    const { active, standby } = value.replicas;
    // A failover sends the active region's whole load to the standby before anyone flips
    // dr.activeRole: its HPA must be allowed to grow as far.
    if (standby.maxReplicas < active.maxReplicas) {
      ctx.addIssue({
        code: "custom",
        path: ["replicas", "standby", "maxReplicas"],
        message: `${standby.maxReplicas} is below the active region's ${active.maxReplicas}; a failover sends the standby the whole load before dr.activeRole flips, so its HPA maximum must be at least as high`,
      });
    }
  });

export type ClusterPlatformConfig = z.infer<typeof clusterPlatformSchema>;
export type AppScalingConfig = z.infer<typeof appScalingSchema>;
