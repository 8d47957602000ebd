import { OriginHealthCheck, type OriginHealthCheckProps } from "../../../src/modules/edge/origin-health-check";
import { Namer } from "../../../src/naming";
import { one, synthScope } from "./synth";

const PROPS: OriginHealthCheckProps = {
  namer: new Namer("titan", "global"),
  component: "primary-origin",
  fqdn: "primary.origin.api.example.com",
  resourcePath: "/health",
  requestIntervalSeconds: 10,
  failureThreshold: 3,
  regions: ["us-east-1", "us-west-2", "eu-west-1"],
};

function synth(props: Partial<OriginHealthCheckProps> = {}) {
  const built: OriginHealthCheck[] = [];
  const json = synthScope((scope) => {
    built.push(new OriginHealthCheck(scope, "PrimaryHealthCheck", { ...PROPS, ...props }));
  });
  return { json, check: built[0] };
}

describe("OriginHealthCheck", () => {
  it("probes the region's own origin over HTTPS with SNI on the health path, measuring latency", () => {
    expect(one(synth().json, "aws_route53_health_check")).toEqual({
      type: "HTTPS",
      fqdn: "primary.origin.api.example.com",
      port: 443,
      resource_path: "/health",
      enable_sni: true,
      request_interval: 10,
      failure_threshold: 3,
      regions: ["us-east-1", "us-west-2", "eu-west-1"],
      measure_latency: true,
      tags: { Name: "titan-global-primary-origin" },
    });
  });

  it("offers its status metric, which Route 53 publishes per health check", () => {
    expect(synth().check.statusMetric()).toEqual({
      namespace: "AWS/Route53",
      metricName: "HealthCheckStatus",
      dimensions: { HealthCheckId: expect.stringContaining("TOKEN") },
      stat: "Minimum",
    });
  });

  test.each<[string, Partial<OriginHealthCheckProps>, RegExp]>([
    ["a 15 s interval", { requestIntervalSeconds: 15 }, /requestIntervalSeconds: must be one of 10, 30.*got 15/],
    [
      "a threshold of 11",
      { failureThreshold: 11 },
      /failureThreshold: must be a whole number from 1 to 10 \(the thresholds Route 53 accepts\).*got 11/,
    ],
    ["two regions", { regions: ["us-east-1", "eu-west-1"] }, /at least 3 different checker regions/],
    [
      "a region without checkers",
      { regions: ["us-east-1", "us-east-2", "eu-west-1"] },
      /regions: holds a region where Route 53 has no health checkers.*got \["us-east-1","us-east-2","eu-west-1"\]; c/,
    ],
    [
      "a repeated region",
      { regions: ["us-east-1", "us-west-2", "eu-west-1", "us-east-1"] },
      /regions: repeats a region/,
    ],
    [
      "a path without a slash",
      { resourcePath: "health" },
      /resourcePath: must be a URL path such as \/health.*got "health"/,
    ],
  ])("rejects %s", (_case, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
