import { wafLogging } from "../../../src/policy/rules/waf-logging";
import { type Case, expectVerdict } from "./fixtures";

const LOGGING = {
  resource_arn: "${aws_wafv2_web_acl.WebAcl.arn}",
  log_destination_configs: ["${aws_cloudwatch_log_group.WebAcl_Logs.arn}"],
  redacted_fields: [{ single_header: { name: "authorization" } }, { single_header: { name: "cookie" } }],
};

describe("TITAN-WAF-2: WAF logs somewhere and redacts credentials", () => {
  test.each<Case>([
    ["the edge's logging (as synthesized)", LOGGING, "compliant"],
    [
      "header names in capitals",
      {
        ...LOGGING,
        redacted_fields: [{ single_header: { name: "Authorization" } }, { single_header: { name: "Cookie" } }],
      },
      "compliant",
    ],
    [
      "no destination",
      { ...LOGGING, log_destination_configs: [] },
      /log_destination_configs is \[\]: log to an aws-waf-logs- log group/,
    ],
    [
      "cookies logged in clear",
      { ...LOGGING, redacted_fields: [{ single_header: { name: "authorization" } }] },
      /the cookie header is logged in clear/,
    ],
    [
      "nothing redacted",
      { ...LOGGING, redacted_fields: undefined },
      /the authorization header is logged in clear.*the cookie header/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(wafLogging, attributes, expected));
});
