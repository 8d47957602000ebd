import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { PropChecks } from "../../validation/prop-checks";
import { AURORA_GLOBAL_REPLICATION_LAG } from "../database/aurora-cluster";
import type { CacheMetricSource } from "./cache-alarms";
import type { DatabaseMetricSource } from "./database-alarms";
import type { LoadBalancerMetricSource } from "./load-balancer-alarms";
import type { Metric } from "./metric";

export interface RegionDashboardProps {
  readonly namer: Namer;
  /** Region the metrics live in: every metric widget must name it. */
  readonly region: string;
  /** The region's ALB: its metrics and those of the targets serving the app. */
  readonly loadBalancer: LoadBalancerMetricSource;
  /** The region's Aurora cluster. */
  readonly database: DatabaseMetricSource;
  /**
   * Graph `AuroraGlobalDBReplicationLag`, which only a secondary cluster publishes.
   * @default false - no replication-lag widget (right for the primary region)
   */
  readonly includeGlobalReplicationLag?: boolean;
  /** The region's Redis replication group: one line per node. */
  readonly cache: CacheMetricSource;
  /** Alarms to show as a status strip at the top (the `alarmArns` of the alarm constructs). @default - no strip */
  readonly alarmArns?: readonly string[];
}

/** A metric row: namespace, name, then dimension name/value pairs, then optional rendering options. */
type MetricRow = readonly (string | MetricRowOptions)[];

interface MetricRowOptions {
  readonly id?: string;
  readonly label?: string;
  readonly stat?: string;
  readonly visible?: boolean;
  readonly expression?: string;
}

interface MetricWidgetProperties {
  readonly title: string;
  readonly region: string;
  readonly view: "timeSeries";
  readonly stacked: false;
  readonly period: number;
  readonly stat: string;
  readonly metrics: readonly MetricRow[];
  readonly yAxis?: { readonly left: { readonly min: number; readonly label?: string } };
}

interface Placement {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

type Widget =
  | (Placement & { readonly type: "metric"; readonly properties: MetricWidgetProperties })
  | (Placement & {
      readonly type: "alarm";
      readonly properties: { readonly title: string; readonly alarms: readonly string[] };
    });

/** The grid is 24 units wide: three graphs per row. */
const GRID_WIDTH = 24;
const WIDGET_WIDTH = 8;
const WIDGET_HEIGHT = 6;

/**
 * One CloudWatch dashboard per region: the ALB (traffic, errors, requests it refuses itself, latency,
 * target health), Aurora
 * (CPU, memory and, in DR, global replication lag) and Redis (engine CPU, memory), per role or node.
 *
 * Why per region and built here: the graphs show, per writer/reader role and per cache node, the
 * series the alarms collapse into their worst value, so whoever follows an alarm lands on the
 * member at fault. The body is typed TypeScript serialized with `JSON.stringify`; identifiers
 * known only at apply time stay Terraform interpolations inside the JSON string.
 */
export class RegionDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;
  readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: RegionDashboardProps) {
    super(scope, id);
    const name = props.namer.name("overview");
    new PropChecks(this)
      .notEmpty("cache.memberClusterIds", props.cache.memberClusterIds, "the Redis nodes")
      .throwIfAny();

    const graphs = [...loadBalancerGraphs(props), ...databaseGraphs(props), ...cacheGraphs(props)];
    const alarms = props.alarmArns ?? [];
    const top = alarms.length > 0 ? 2 : 0;
    const widgets: Widget[] = [
      ...(alarms.length > 0
        ? [
            {
              type: "alarm" as const,
              x: 0,
              y: 0,
              width: GRID_WIDTH,
              height: top,
              properties: { title: "Alarms", alarms },
            },
          ]
        : []),
      ...graphs.map((properties, n) => ({
        type: "metric" as const,
        x: (n * WIDGET_WIDTH) % GRID_WIDTH,
        y: top + Math.floor((n * WIDGET_WIDTH) / GRID_WIDTH) * WIDGET_HEIGHT,
        width: WIDGET_WIDTH,
        height: WIDGET_HEIGHT,
        properties,
      })),
    ];

    this.dashboard = new CloudwatchDashboard(this, "Resource", {
      dashboardName: name,
      dashboardBody: JSON.stringify({ widgets }),
    });
    this.dashboardName = this.dashboard.dashboardName;
  }
}

function graph(
  props: RegionDashboardProps,
  title: string,
  stat: string,
  metrics: readonly MetricRow[],
  yLabel?: string,
): MetricWidgetProperties {
  return {
    title,
    region: props.region,
    view: "timeSeries",
    stacked: false,
    period: 60,
    stat,
    metrics,
    yAxis: { left: { min: 0, ...(yLabel ? { label: yLabel } : {}) } },
  };
}

/** A dashboard row for `metric`: namespace, name, dimension pairs, then how to draw it. */
function row(metric: Metric, options: MetricRowOptions): MetricRow {
  const drawn = Object.keys(options).length > 0 ? [options] : [];
  return [metric.namespace, metric.metricName, ...Object.entries(metric.dimensions).flat(), ...drawn];
}

function loadBalancerGraphs(props: RegionDashboardProps): MetricWidgetProperties[] {
  const alb = props.loadBalancer;
  return [
    graph(props, "ALB requests and 5xx", "Sum", [
      row(alb.metric("RequestCount", "Sum"), { label: "Requests" }),
      row(alb.metric("HTTPCode_Target_5XX_Count", "Sum"), { label: "5xx from the app" }),
      row(alb.metric("HTTPCode_ELB_5XX_Count", "Sum"), { label: "5xx from the ALB" }),
    ]),
    graph(
      props,
      "ALB target 5xx rate",
      "Sum",
      [
        [{ id: "rate", label: "Target 5xx rate (%)", expression: "100 * FILL(errors, 0) / requests" }],
        row(alb.metric("HTTPCode_Target_5XX_Count", "Sum"), { id: "errors", visible: false }),
        row(alb.metric("RequestCount", "Sum"), { id: "requests", visible: false }),
      ],
      "%",
    ),
    // The listener's 403 to requests without the origin-verify header is its only fixed response.
    graph(props, "ALB requests refused by the ALB itself", "Sum", [
      row(alb.metric("HTTPCode_ELB_4XX_Count", "Sum"), { label: "4xx from the ALB" }),
      row(alb.metric("HTTP_Fixed_Response_Count", "Sum"), { label: "403: no valid origin-verify header" }),
      row(alb.metric("RequestCount", "Sum"), { label: "Forwarded to the app" }),
    ]),
    graph(
      props,
      "ALB target response time",
      "p95",
      ["p50", "p95", "p99"].map((stat) => row(alb.metric("TargetResponseTime", stat), { stat, label: stat })),
      "seconds",
    ),
    graph(props, "ALB targets", "Maximum", [
      row(alb.targetMetric("HealthyHostCount", "Maximum"), { label: "Healthy" }),
      row(alb.targetMetric("UnHealthyHostCount", "Maximum"), { label: "Unhealthy" }),
    ]),
  ];
}

function databaseGraphs(props: RegionDashboardProps): MetricWidgetProperties[] {
  const byRole = (metricName: string, stat: string): MetricRow[] =>
    props.database
      .metricByRole(metricName, stat)
      .map((metric) => row(metric, { label: String(metric.dimensions.Role).toLowerCase() }));
  return [
    graph(props, "Aurora CPU by role", "Average", byRole("CPUUtilization", "Average"), "%"),
    graph(props, "Aurora freeable memory by role", "Minimum", byRole("FreeableMemory", "Minimum"), "bytes"),
    ...(props.includeGlobalReplicationLag
      ? [
          graph(
            props,
            "Aurora global replication lag",
            "Average",
            [
              row(props.database.metric(AURORA_GLOBAL_REPLICATION_LAG, { stat: "Average" }), {
                label: "Lag behind the primary region",
              }),
            ],
            "ms",
          ),
        ]
      : []),
  ];
}

function cacheGraphs(props: RegionDashboardProps): MetricWidgetProperties[] {
  const perNode = (metricName: string): MetricRow[] =>
    props.cache.metricPerNode(metricName, "Average").map((metric) => row(metric, {}));
  return [
    graph(props, "Redis engine CPU by node", "Average", perNode("EngineCPUUtilization"), "%"),
    graph(props, "Redis memory used by data, by node", "Average", perNode("DatabaseMemoryUsagePercentage"), "%"),
  ];
}
