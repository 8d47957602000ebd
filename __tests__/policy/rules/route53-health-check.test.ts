import { route53HealthCheck } from "../../../src/policy/rules/route53-health-check";
import { type Case, expectVerdict } from "./fixtures";

const CHECK = {
  type: "HTTPS",
  fqdn: "primary.origin.api.example.com",
  port: 443,
  resource_path: "/health",
  enable_sni: true,
  request_interval: 10,
  failure_threshold: 3,
  regions: ["us-east-1", "us-west-2", "eu-west-1"],
  measure_latency: true,
};

describe("TITAN-R53-2: endpoint health checks use HTTPS with SNI from 3+ regions", () => {
  test.each<Case>([
    ["an origin's check (as synthesized)", CHECK, "compliant"],
    ["every checker region (regions unset)", { ...CHECK, regions: undefined }, "compliant"],
    ["a string match over HTTPS", { ...CHECK, type: "HTTPS_STR_MATCH", search_string: "ok" }, "compliant"],
    [
      "a calculated check",
      { type: "CALCULATED", child_health_threshold: 1, child_healthchecks: ["a", "b"] },
      "not-applicable",
    ],
    ["plain HTTP", { ...CHECK, type: "HTTP", port: 80 }, /type is "HTTP": probe over HTTPS/],
    ["HTTPS without SNI", { ...CHECK, enable_sni: false }, /enable_sni is false: set it to true/],
    ["HTTPS with SNI unset", { ...CHECK, enable_sni: undefined }, /enable_sni is unset/],
    [
      "two checker regions",
      { ...CHECK, regions: ["us-east-1", "eu-west-1"] },
      /regions is \["us-east-1","eu-west-1"\]: name at least three/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(route53HealthCheck, attributes, expected));
});
