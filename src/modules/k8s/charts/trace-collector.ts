import { z } from "zod";
import { SERVICE_ACCOUNTS } from "../../compute/service-accounts";
import { OTLP_HTTP_PORT, TRACE_COLLECTOR_SERVICE } from "../platform-names";
import type { PinnedChart } from "./chart";
import {
  irsaAnnotation,
  replicas,
  resources,
  restrictedContainerSecurityContext,
  restrictedPodSecurityContext,
  restrictedSecurityContexts,
  topologySpread,
  zoneSpread,
} from "./common";

/** The contrib image's user (its Dockerfile's USER). */
const COLLECTOR_UID = 10001;

export const TRACE_COLLECTOR_CHART: PinnedChart = {
  repository: "https://open-telemetry.github.io/opentelemetry-helm-charts",
  chart: "opentelemetry-collector",
  version: "0.170.0",
};

const disabled = z.strictObject({ enabled: z.literal(false) });

export const traceCollectorValues = z.strictObject({
  mode: z.literal("deployment"),
  fullnameOverride: z.literal(TRACE_COLLECTOR_SERVICE),
  replicaCount: replicas,
  image: z.strictObject({ repository: z.literal("otel/opentelemetry-collector-contrib") }),
  command: z.strictObject({ name: z.literal("otelcol-contrib") }),
  serviceAccount: z.strictObject({
    create: z.literal(true),
    name: z.literal(SERVICE_ACCOUNTS.adotCollector.name),
    annotations: irsaAnnotation,
  }),
  ports: z.strictObject({
    "jaeger-compact": disabled,
    "jaeger-thrift": disabled,
    "jaeger-grpc": disabled,
    zipkin: disabled,
  }),
  config: z.strictObject({
    receivers: z.strictObject({
      jaeger: z.null(),
      zipkin: z.null(),
      prometheus: z.null(),
      otlp: z.strictObject({
        protocols: z.strictObject({
          grpc: z.strictObject({ endpoint: z.string() }),
          http: z.strictObject({ endpoint: z.string() }),
        }),
      }),
    }),
    processors: z.strictObject({
      memory_limiter: z.strictObject({
        check_interval: z.string(),
        limit_percentage: z.int(),
        spike_limit_percentage: z.int(),
      }),
      batch: z.strictObject({}),
    }),
    exporters: z.strictObject({ awsxray: z.strictObject({ region: z.string().min(1) }) }),
    service: z.strictObject({
      pipelines: z.strictObject({
        traces: z.strictObject({
          receivers: z.tuple([z.literal("otlp")]),
          processors: z.tuple([z.literal("memory_limiter"), z.literal("batch")]),
          exporters: z.tuple([z.literal("awsxray")]),
        }),
        metrics: z.null(),
        logs: z.null(),
      }),
    }),
  }),
  podDisruptionBudget: z.strictObject({ enabled: z.literal(true), maxUnavailable: z.literal(1) }),
  topologySpreadConstraints: topologySpread,
  resources,
  // The chart sets none: the observability namespace enforces the restricted profile.
  podSecurityContext: restrictedPodSecurityContext,
  securityContext: restrictedContainerSecurityContext,
});

export type TraceCollectorValues = z.infer<typeof traceCollectorValues>;

export interface TraceCollectorInput {
  readonly region: string;
  readonly replicas: number;
  readonly roleArn: string;
}

/**
 * The OpenTelemetry collector that takes the app's OTLP traces and sends them to X-Ray with the
 * awsxray exporter (contrib distribution), under its IRSA role. Not the X-Ray daemon: it reaches
 * end of support on 2027-02-25. Only the traces pipeline runs; the chart's default Jaeger, Zipkin
 * and Prometheus receivers and its metrics and logs pipelines are switched off (null removes a key
 * from the chart's defaults).
 */
export function buildTraceCollectorValues(input: TraceCollectorInput): TraceCollectorValues {
  const listen = (port: number) => `\${env:MY_POD_IP}:${port}`;
  return {
    mode: "deployment",
    fullnameOverride: TRACE_COLLECTOR_SERVICE,
    replicaCount: input.replicas,
    image: { repository: "otel/opentelemetry-collector-contrib" },
    command: { name: "otelcol-contrib" },
    serviceAccount: {
      create: true,
      name: SERVICE_ACCOUNTS.adotCollector.name,
      annotations: { "eks.amazonaws.com/role-arn": input.roleArn },
    },
    ports: {
      "jaeger-compact": { enabled: false },
      "jaeger-thrift": { enabled: false },
      "jaeger-grpc": { enabled: false },
      zipkin: { enabled: false },
    },
    config: {
      receivers: {
        jaeger: null,
        zipkin: null,
        prometheus: null,
        otlp: { protocols: { grpc: { endpoint: listen(4317) }, http: { endpoint: listen(OTLP_HTTP_PORT) } } },
      },
      processors: {
        memory_limiter: { check_interval: "5s", limit_percentage: 80, spike_limit_percentage: 25 },
        batch: {},
      },
      exporters: { awsxray: { region: input.region } },
      service: {
        pipelines: {
          traces: { receivers: ["otlp"], processors: ["memory_limiter", "batch"], exporters: ["awsxray"] },
          metrics: null,
          logs: null,
        },
      },
    },
    podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
    topologySpreadConstraints: zoneSpread({ "app.kubernetes.io/name": "opentelemetry-collector" }),
    resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } },
    ...restrictedSecurityContexts(COLLECTOR_UID),
  };
}
