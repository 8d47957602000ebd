import { SERVICE_ACCOUNTS } from "../compute/service-accounts";

/**
 * Names the `*-k8s` stacks give what they install, where something else must find it: the app's
 * chart sends traces to the collector's Service, Grafana reads its admin secret, Prometheus claims
 * volumes of the encrypted StorageClass. Fixed literals, written once.
 */
export const PLATFORM_NAMESPACES = {
  /** kube-prometheus-stack: Prometheus, Grafana and their operator. */
  monitoring: "monitoring",
  /** The OpenTelemetry collector, where its IRSA service account lives. */
  tracing: SERVICE_ACCOUNTS.adotCollector.namespace,
} as const;

/** The collector's Service (`fullnameOverride`), which the app exports OTLP to. */
export const TRACE_COLLECTOR_SERVICE = "otel-collector";

/** OTLP over HTTP (protobuf): the port every OpenTelemetry SDK speaks without a gRPC stack. */
export const OTLP_HTTP_PORT = 4318;

/** The in-cluster OTLP endpoint the app exports traces to. */
export function otlpEndpoint(): string {
  return `http://${TRACE_COLLECTOR_SERVICE}.${PLATFORM_NAMESPACES.tracing}.svc.cluster.local:${OTLP_HTTP_PORT}`;
}

/** The gp3 StorageClass encrypted with the region's customer key, for Prometheus's volumes. */
export const ENCRYPTED_STORAGE_CLASS = "gp3-encrypted";

/** The Kubernetes secret holding Grafana's admin login (`admin.existingSecret`), and its keys. */
export const GRAFANA_ADMIN_SECRET = { name: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" };
