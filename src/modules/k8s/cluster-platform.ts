import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Construct } from "constructs";
import type { RegionRole, RegionState } from "../../config";
import type { ClusterPlatformConfig } from "../../config/sections/cluster-platform";
import { PropChecks } from "../../validation/prop-checks";
import type { ImageCacheRef } from "../compute/image-cache-names";
import { serializeValues } from "./charts/chart";
import {
  buildClusterAutoscalerValues,
  CLUSTER_AUTOSCALER_CHART,
  clusterAutoscalerValues,
} from "./charts/cluster-autoscaler";
import {
  buildKubePrometheusStackValues,
  KUBE_PROMETHEUS_STACK_CHART,
  kubePrometheusStackValues,
} from "./charts/kube-prometheus-stack";
import {
  buildLoadBalancerControllerValues,
  LOAD_BALANCER_CONTROLLER_CHART,
  loadBalancerControllerValues,
} from "./charts/load-balancer-controller";
import { buildTraceCollectorValues, TRACE_COLLECTOR_CHART, traceCollectorValues } from "./charts/trace-collector";
import { EncryptedStorageClass } from "./encrypted-storage-class";
import { autoscalerImageTagProblem } from "./limits";
import { ENCRYPTED_STORAGE_CLASS, GRAFANA_ADMIN_SECRET, PLATFORM_NAMESPACES } from "./platform-names";
import { PlatformRelease } from "./platform-release";
import { podSecurityLabels } from "./pod-security";
import { SecretFromSecretsManager } from "./secret-from-secrets-manager";

export interface ClusterPlatformProps {
  readonly clusterName: string;
  readonly region: string;
  readonly vpcId: string;
  /** Kubernetes minor version of the cluster (the autoscaler's image follows it). */
  readonly kubernetesVersion: string;
  /** `kubernetes.platform`: replicas per region state, volume sizes per region role. */
  readonly settings: ClusterPlatformConfig;
  /** Picks the volume sizes: a volume keeps its size when the live region changes. */
  readonly role: RegionRole;
  /** Picks the replicas: the live region runs the active counts (`dr.activeRole`). */
  readonly state: RegionState;
  /** IRSA roles made by the regional stack, by workload. */
  readonly roleArns: {
    readonly loadBalancerController: string;
    readonly clusterAutoscaler: string;
    readonly traceCollector: string;
  };
  /** The region's customer key, for Prometheus's volumes. */
  readonly kmsKeyArn: string;
  /** Name of the region's Grafana admin secret in Secrets Manager. */
  readonly grafanaAdminSecretName: string;
  /** The region's ECR pull through cache, which the platform images come through. */
  readonly images: ImageCacheRef;
}

/**
 * Everything the region's cluster runs besides the app, installed by Terraform (the pipeline owns
 * only the app's release): the AWS Load Balancer Controller, cluster-autoscaler, the OpenTelemetry
 * collector sending traces to X-Ray, and kube-prometheus-stack on an encrypted StorageClass with
 * Grafana's admin login from Secrets Manager. metrics-server is an EKS add-on of the regional stack.
 * Each chart's values are checked by its zod schema before they are serialized.
 */
export class ClusterPlatform extends Construct {
  readonly releases: Readonly<
    Record<"loadBalancerController" | "clusterAutoscaler" | "traceCollector" | "monitoring", PlatformRelease>
  >;
  readonly namespaces: Readonly<Record<"monitoring" | "tracing", NamespaceV1>>;

  constructor(scope: Construct, id: string, props: ClusterPlatformProps) {
    super(scope, id);
    const { settings, role, state } = props;
    const checks = new PropChecks(this);
    const autoscalerTag = settings.clusterAutoscaler.imageTag;
    if (autoscalerTag !== undefined) {
      checks.satisfies("settings.clusterAutoscaler.imageTag", autoscalerTag, (tag) =>
        autoscalerImageTagProblem(props.kubernetesVersion, tag),
      );
    }
    const values = {
      loadBalancerController: serializeValues(
        checks,
        "settings.loadBalancerController",
        LOAD_BALANCER_CONTROLLER_CHART,
        loadBalancerControllerValues,
        buildLoadBalancerControllerValues({
          clusterName: props.clusterName,
          region: props.region,
          vpcId: props.vpcId,
          replicas: settings.loadBalancerController.replicas[state],
          roleArn: props.roleArns.loadBalancerController,
          images: props.images,
        }),
      ),
      clusterAutoscaler: serializeValues(
        checks,
        "settings.clusterAutoscaler",
        CLUSTER_AUTOSCALER_CHART,
        clusterAutoscalerValues,
        buildClusterAutoscalerValues({
          clusterName: props.clusterName,
          region: props.region,
          kubernetesVersion: props.kubernetesVersion,
          imageTag: autoscalerTag,
          replicas: settings.clusterAutoscaler.replicas[state],
          roleArn: props.roleArns.clusterAutoscaler,
          images: props.images,
        }),
      ),
      traceCollector: serializeValues(
        checks,
        "settings.tracing",
        TRACE_COLLECTOR_CHART,
        traceCollectorValues,
        buildTraceCollectorValues({
          region: props.region,
          replicas: settings.tracing.replicas[state],
          roleArn: props.roleArns.traceCollector,
        }),
      ),
      monitoring: serializeValues(
        checks,
        "settings.prometheus",
        KUBE_PROMETHEUS_STACK_CHART,
        kubePrometheusStackValues,
        buildKubePrometheusStackValues({
          prometheusReplicas: settings.prometheus.replicas[state],
          retentionDays: settings.prometheus.retentionDays,
          storageGib: settings.prometheus.storageGib[role],
          grafanaReplicas: settings.grafana.replicas[state],
          images: props.images,
        }),
      ),
    };
    checks.throwIfAny();

    const labels = { "app.kubernetes.io/managed-by": "titan" };
    const namespace = (nsId: string, name: string, podSecurity: Record<string, string>) =>
      new NamespaceV1(this, nsId, { metadata: { name, labels: { ...labels, ...podSecurity } } });
    // node-exporter (a DaemonSet of kube-prometheus-stack) shares the host's network and PID
    // namespaces and mounts its root read-only to report node metrics: only `privileged` admits it.
    // Everything else there should pass `baseline`, which warn and audit report against.
    const monitoring = namespace(
      "MonitoringNamespace",
      PLATFORM_NAMESPACES.monitoring,
      podSecurityLabels("privileged", "baseline"),
    );
    // The collector runs with the restricted security context its values set.
    const tracing = namespace("TracingNamespace", PLATFORM_NAMESPACES.tracing, podSecurityLabels("restricted"));
    this.namespaces = { monitoring, tracing };

    const loadBalancerController = new PlatformRelease(this, "LoadBalancerController", {
      chart: LOAD_BALANCER_CONTROLLER_CHART,
      releaseName: "aws-load-balancer-controller",
      namespace: "kube-system",
      values: values.loadBalancerController,
    });
    // Later releases create Services and pods: the controller's webhooks must answer first.
    const afterController = [loadBalancerController.release];

    const clusterAutoscaler = new PlatformRelease(this, "ClusterAutoscaler", {
      chart: CLUSTER_AUTOSCALER_CHART,
      releaseName: "cluster-autoscaler",
      namespace: "kube-system",
      values: values.clusterAutoscaler,
      dependsOn: afterController,
    });

    const traceCollector = new PlatformRelease(this, "TraceCollector", {
      chart: TRACE_COLLECTOR_CHART,
      releaseName: "otel-collector",
      namespace: tracing.metadata.name,
      values: values.traceCollector,
      dependsOn: [...afterController, tracing],
    });

    const storageClass = new EncryptedStorageClass(this, "EncryptedStorageClass", {
      name: ENCRYPTED_STORAGE_CLASS,
      kmsKeyArn: props.kmsKeyArn,
    });
    const grafanaAdmin = new SecretFromSecretsManager(this, "GrafanaAdminSecret", {
      namespace: monitoring.metadata.name,
      name: GRAFANA_ADMIN_SECRET.name,
      secretId: props.grafanaAdminSecretName,
      keys: { [GRAFANA_ADMIN_SECRET.userKey]: "username", [GRAFANA_ADMIN_SECRET.passwordKey]: "password" },
      revision: settings.grafana.adminPasswordVersion,
    });
    const monitoringRelease = new PlatformRelease(this, "Monitoring", {
      chart: KUBE_PROMETHEUS_STACK_CHART,
      releaseName: "kube-prometheus-stack",
      namespace: monitoring.metadata.name,
      values: values.monitoring,
      // CRDs, the operator and a volume to bind: the slowest of the releases.
      timeoutSeconds: 900,
      dependsOn: [...afterController, storageClass.storageClass, grafanaAdmin.secret],
    });

    this.releases = { loadBalancerController, clusterAutoscaler, traceCollector, monitoring: monitoringRelease };
  }
}
