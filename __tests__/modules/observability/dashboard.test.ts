import { Testing } from "cdktf";
import { RegionDashboard, type RegionDashboardProps } from "../../../src/modules/observability/dashboard";
import { LoadBalancerAlarms } from "../../../src/modules/observability/load-balancer-alarms";
import { Namer } from "../../../src/naming";
import { cacheMetrics, databaseMetrics, loadBalancerMetrics } from "../../support/metric-sources";
import { TOPIC_ARN } from "./alarm-synth";

const LB = "app/titan-primary-alb/50dc6c495c0c9188";
const TG = "targetgroup/titan-primary-app/73e2d6bc24d8a067";

interface Widget {
  type: "metric" | "alarm";
  x: number;
  y: number;
  width: number;
  height: number;
  properties: { title: string; region?: string; metrics?: unknown[][]; alarms?: string[] };
}

/** The dashboard's name and its body, parsed: it must be JSON for CloudWatch to accept it. */
function synth(props: Partial<RegionDashboardProps> = {}, withAlarms = false): { name: string; widgets: Widget[] } {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      const namer = new Namer("titan", "primary");
      const alarms = withAlarms
        ? new LoadBalancerAlarms(scope, "Alarms", {
            namer,
            topicArn: TOPIC_ARN,
            loadBalancer: loadBalancerMetrics(LB, TG),
          })
        : undefined;
      new RegionDashboard(scope, "Dashboard", {
        namer,
        region: "us-east-2",
        loadBalancer: loadBalancerMetrics(LB, TG),
        database: databaseMetrics("titan-primary-aurora"),
        cache: cacheMetrics("titan-primary-redis", ["titan-primary-redis-001", "titan-primary-redis-002"]),
        alarmArns: alarms?.alarmArns,
        ...props,
      });
    }),
  );
  const dashboard = Object.values(
    json.resource.aws_cloudwatch_dashboard as Record<string, { dashboard_name: string; dashboard_body: string }>,
  )[0];
  return { name: dashboard.dashboard_name, widgets: JSON.parse(dashboard.dashboard_body).widgets };
}

const titles = (widgets: Widget[]) => widgets.map((widget) => widget.properties.title);

describe("RegionDashboard", () => {
  it("graphs the ALB, Aurora and Redis of the region in a JSON body", () => {
    const { name, widgets } = synth();
    expect(name).toBe("titan-primary-overview");
    expect(titles(widgets)).toEqual([
      "ALB requests and 5xx",
      "ALB target 5xx rate",
      "ALB requests refused by the ALB itself",
      "ALB target response time",
      "ALB targets",
      "Aurora CPU by role",
      "Aurora freeable memory by role",
      "Redis engine CPU by node",
      "Redis memory used by data, by node",
    ]);
    expect(widgets.every((widget) => widget.type === "metric" && widget.properties.region === "us-east-2")).toBe(true);
  });

  test.each([
    ["ALB targets", ["AWS/ApplicationELB", "UnHealthyHostCount", "LoadBalancer", LB, "TargetGroup", TG]],
    ["ALB target response time", ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", LB]],
    ["ALB requests refused by the ALB itself", ["AWS/ApplicationELB", "HTTPCode_ELB_4XX_Count", "LoadBalancer", LB]],
    ["ALB requests refused by the ALB itself", ["AWS/ApplicationELB", "HTTP_Fixed_Response_Count", "LoadBalancer", LB]],
    ["ALB requests refused by the ALB itself", ["AWS/ApplicationELB", "RequestCount", "LoadBalancer", LB]],
    [
      "Aurora CPU by role",
      ["AWS/RDS", "CPUUtilization", "DBClusterIdentifier", "titan-primary-aurora", "Role", "WRITER"],
    ],
    [
      "Aurora freeable memory by role",
      ["AWS/RDS", "FreeableMemory", "DBClusterIdentifier", "titan-primary-aurora", "Role", "READER"],
    ],
    [
      "Redis engine CPU by node",
      ["AWS/ElastiCache", "EngineCPUUtilization", "CacheClusterId", "titan-primary-redis-002"],
    ],
    [
      "Redis memory used by data, by node",
      ["AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "CacheClusterId", "titan-primary-redis-001"],
    ],
  ])("%s graphs %p", (title, row) => {
    const widget = synth().widgets.find((candidate) => candidate.properties.title === title);
    const rows = (widget?.properties.metrics ?? []).map((metric) => metric.filter((part) => typeof part === "string"));
    expect(rows).toContainEqual(row);
  });

  it("computes the 5xx rate from hidden error and request series", () => {
    const rate = synth().widgets.find((widget) => widget.properties.title === "ALB target 5xx rate");
    expect(rate?.properties.metrics).toEqual([
      [expect.objectContaining({ id: "rate", expression: "100 * FILL(errors, 0) / requests" })],
      ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", LB, { id: "errors", visible: false }],
      ["AWS/ApplicationELB", "RequestCount", "LoadBalancer", LB, { id: "requests", visible: false }],
    ]);
  });

  it("graphs global replication lag only when asked (DR)", () => {
    expect(titles(synth().widgets)).not.toContain("Aurora global replication lag");
    const lag = synth({ includeGlobalReplicationLag: true }).widgets.find(
      (widget) => widget.properties.title === "Aurora global replication lag",
    );
    expect(lag?.properties.metrics).toEqual([
      ["AWS/RDS", "AuroraGlobalDBReplicationLag", "DBClusterIdentifier", "titan-primary-aurora", expect.any(Object)],
    ]);
  });

  it("shows the alarms' state on top, their ARNs left to Terraform inside the JSON", () => {
    const [strip, ...graphs] = synth({}, true).widgets;
    expect(strip).toEqual(expect.objectContaining({ type: "alarm", x: 0, y: 0, width: 24 }));
    expect(strip.properties.alarms).toHaveLength(6);
    for (const arn of strip.properties.alarms ?? []) {
      expect(arn).toMatch(/^\$\{aws_cloudwatch_metric_alarm\.\w+\.arn\}$/);
    }
    expect(Math.min(...graphs.map((widget) => widget.y))).toBe(strip.height);
  });

  it("lays the widgets out without overlap on the 24-unit grid", () => {
    const { widgets } = synth({ includeGlobalReplicationLag: true });
    const cells = widgets.map((widget) => `${widget.x},${widget.y}`);
    expect(new Set(cells).size).toBe(widgets.length);
    expect(widgets.every((widget) => widget.x + widget.width <= 24)).toBe(true);
  });

  it("rejects an empty list of cache nodes, naming the dashboard", () => {
    expect(() => synth({ cache: cacheMetrics("titan-primary-redis", []) })).toThrow(
      /titan: stack\/Dashboard has 1 problem:\n {2}- cache\.memberClusterIds: must list the Redis nodes, got none/,
    );
  });
});
