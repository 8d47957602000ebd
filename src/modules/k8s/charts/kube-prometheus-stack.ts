import { z } from "zod";
import type { ImageCacheRef } from "../../compute/image-cache-names";
import { ENCRYPTED_STORAGE_CLASS, GRAFANA_ADMIN_SECRET } from "../platform-names";
import type { PinnedChart } from "./chart";
import { cachedImage, quantity, replicas, resources } from "./common";

export const KUBE_PROMETHEUS_STACK_CHART: PinnedChart = {
  repository: "https://prometheus-community.github.io/helm-charts",
  chart: "kube-prometheus-stack",
  version: "88.5.3",
};

const off = z.strictObject({ enabled: z.literal(false) });

export const kubePrometheusStackValues = z.strictObject({
  alertmanager: off,
  // The EKS control plane is AWS's: its components cannot be scraped and would only alert.
  kubeControllerManager: off,
  kubeScheduler: off,
  kubeEtcd: off,
  kubeProxy: off,
  // quay.io and registry.k8s.io images through the region's pull through cache, the chart's tags.
  prometheusOperator: z.strictObject({
    image: cachedImage,
    prometheusConfigReloader: z.strictObject({ image: cachedImage }),
  }),
  "kube-state-metrics": z.strictObject({ image: cachedImage }),
  "prometheus-node-exporter": z.strictObject({ image: cachedImage }),
  prometheus: z.strictObject({
    prometheusSpec: z.strictObject({
      image: cachedImage,
      replicas,
      retention: z.string().regex(/^\d+d$/),
      retentionSize: z.string().regex(/^\d+GB$/),
      resources,
      storageSpec: z.strictObject({
        volumeClaimTemplate: z.strictObject({
          spec: z.strictObject({
            storageClassName: z.literal(ENCRYPTED_STORAGE_CLASS),
            accessModes: z.tuple([z.literal("ReadWriteOnce")]),
            resources: z.strictObject({ requests: z.strictObject({ storage: quantity }) }),
          }),
        }),
      }),
    }),
  }),
  grafana: z.strictObject({
    replicas,
    admin: z.strictObject({
      existingSecret: z.literal(GRAFANA_ADMIN_SECRET.name),
      userKey: z.literal(GRAFANA_ADMIN_SECRET.userKey),
      passwordKey: z.literal(GRAFANA_ADMIN_SECRET.passwordKey),
    }),
    // The chart's default is a generated password stored in a Secret; existingSecret replaces it.
    adminPassword: z.undefined().optional(),
    service: z.strictObject({ type: z.literal("ClusterIP") }),
    ingress: off,
    sidecar: z.strictObject({
      image: cachedImage,
      datasources: z.strictObject({ enabled: z.literal(true), defaultDatasourceEnabled: z.literal(true) }),
    }),
    resources,
  }),
});

export type KubePrometheusStackValues = z.infer<typeof kubePrometheusStackValues>;

export interface KubePrometheusStackInput {
  readonly prometheusReplicas: number;
  readonly retentionDays: number;
  readonly storageGib: number;
  readonly grafanaReplicas: number;
  readonly images: ImageCacheRef;
}

/**
 * Prometheus (seed 003: a persistent volume) on the CMK-encrypted gp3 StorageClass, and Grafana
 * with Prometheus as its data source and its admin login from the Kubernetes secret the k8s stack
 * fills from Secrets Manager (never the seed's plaintext `adminPassword`). Grafana stays a
 * ClusterIP Service: operators reach it with `kubectl port-forward` (README). No Alertmanager:
 * paging goes through the CloudWatch alarms and the SNS topic of the regional stack.
 */
export function buildKubePrometheusStackValues(input: KubePrometheusStackInput): KubePrometheusStackValues {
  // Leave 10% of the volume free for compaction: Prometheus deletes the oldest blocks first.
  const retentionSizeGb = Math.floor(input.storageGib * 0.9);
  const image = (registry: "quay" | "kubernetes", path: string) => {
    const { registry: host, repository } = input.images.image(registry, path);
    return { registry: host, repository };
  };
  return {
    alertmanager: { enabled: false },
    kubeControllerManager: { enabled: false },
    kubeScheduler: { enabled: false },
    kubeEtcd: { enabled: false },
    kubeProxy: { enabled: false },
    prometheusOperator: {
      image: image("quay", "prometheus-operator/prometheus-operator"),
      prometheusConfigReloader: { image: image("quay", "prometheus-operator/prometheus-config-reloader") },
    },
    "kube-state-metrics": { image: image("kubernetes", "kube-state-metrics/kube-state-metrics") },
    "prometheus-node-exporter": { image: image("quay", "prometheus/node-exporter") },
    prometheus: {
      prometheusSpec: {
        image: image("quay", "prometheus/prometheus"),
        replicas: input.prometheusReplicas,
        retention: `${input.retentionDays}d`,
        retentionSize: `${retentionSizeGb}GB`,
        resources: { requests: { cpu: "200m", memory: "1Gi" }, limits: { memory: "2Gi" } },
        storageSpec: {
          volumeClaimTemplate: {
            spec: {
              storageClassName: ENCRYPTED_STORAGE_CLASS,
              accessModes: ["ReadWriteOnce"],
              resources: { requests: { storage: `${input.storageGib}Gi` } },
            },
          },
        },
      },
    },
    grafana: {
      replicas: input.grafanaReplicas,
      admin: {
        existingSecret: GRAFANA_ADMIN_SECRET.name,
        userKey: GRAFANA_ADMIN_SECRET.userKey,
        passwordKey: GRAFANA_ADMIN_SECRET.passwordKey,
      },
      service: { type: "ClusterIP" },
      ingress: { enabled: false },
      sidecar: {
        image: image("quay", "kiwigrid/k8s-sidecar"),
        datasources: { enabled: true, defaultDatasourceEnabled: true },
      },
      resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
    },
  };
}
