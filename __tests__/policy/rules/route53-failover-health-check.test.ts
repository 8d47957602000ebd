import { route53FailoverHealthCheck } from "../../../src/policy/rules/route53-failover-health-check";
import { type Case, expectVerdict } from "./fixtures";

const PRIMARY = {
  zone_id: "Z0123456789EXAMPLE0",
  name: "origin.api.example.com",
  type: "A",
  set_identifier: "primary",
  failover_routing_policy: { type: "PRIMARY" },
  health_check_id: "${aws_route53_health_check.PrimaryHealthCheck.id}",
  alias: { name: "primary.origin.api.example.com", zone_id: "Z0123456789EXAMPLE0", evaluate_target_health: true },
};

describe("TITAN-R53-1: failover records are health-checked", () => {
  test.each<Case>([
    ["the primary failover record (as synthesized)", PRIMARY, "compliant"],
    [
      "the secondary, with its own check",
      { ...PRIMARY, set_identifier: "dr", failover_routing_policy: { type: "SECONDARY" } },
      "compliant",
    ],
    [
      "a plain record",
      {
        zone_id: "Z",
        name: "api.example.com",
        type: "A",
        alias: { name: "d.cloudfront.net", evaluate_target_health: false },
      },
      "not-applicable",
    ],
    ["no health check", { ...PRIMARY, health_check_id: undefined }, /the PRIMARY record has no health_check_id/],
    [
      "target health ignored",
      { ...PRIMARY, alias: { ...PRIMARY.alias, evaluate_target_health: false } },
      /alias\.evaluate_target_health is not true/,
    ],
    [
      "a non-alias failover record with a check",
      { ...PRIMARY, alias: undefined, ttl: 60, records: ["192.0.2.1"] },
      "compliant",
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(route53FailoverHealthCheck, attributes, expected));
});
