import { loadBalancerHardening } from "../../../src/policy/rules/load-balancer-hardening";
import { type Case, expectVerdict } from "./fixtures";

const LOGS = { bucket: "${aws_s3_bucket.AlbLogs.bucket}", enabled: true, prefix: "alb" };
const ALB = { name: "titan-primary-alb", drop_invalid_header_fields: true, access_logs: LOGS, internal: false };

describe("TITAN-ELB-1: ALBs drop invalid headers and write access logs", () => {
  test.each<Case>([
    ["hardened (as synthesized)", ALB, "compliant"],
    [
      "type application, logs list-rendered",
      { ...ALB, load_balancer_type: "application", access_logs: [LOGS] },
      "compliant",
    ],
    ["a network load balancer has no header handling", { name: "n", load_balancer_type: "network" }, "not-applicable"],
    [
      "invalid headers passed on",
      { ...ALB, drop_invalid_header_fields: false },
      /drop_invalid_header_fields is false: set it to true/,
    ],
    [
      "access logs configured but disabled",
      { ...ALB, access_logs: { ...LOGS, enabled: false } },
      /access_logs.enabled is false/,
    ],
    ["no access_logs block", { ...ALB, access_logs: undefined }, /access_logs.enabled is unset: enable access logs/],
  ])("%s", (_name, attributes, expected) => expectVerdict(loadBalancerHardening, attributes, expected));
});
