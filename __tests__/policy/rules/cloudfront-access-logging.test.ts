import { cloudFrontAccessLogging } from "../../../src/policy/rules/cloudfront-access-logging";
import { DISTRIBUTION } from "./cloudfront-fixtures";
import { type Case, expectVerdict } from "./fixtures";

describe("TITAN-CF-3: distributions write standard access logs", () => {
  test.each<Case>([
    ["the edge's distribution (as synthesized)", DISTRIBUTION, "compliant"],
    ["a list-rendered logging block", { ...DISTRIBUTION, logging_config: [DISTRIBUTION.logging_config] }, "compliant"],
    [
      "no logging",
      { ...DISTRIBUTION, logging_config: undefined },
      /logging_config\.bucket is unset: log to the edge's us-east-1 log bucket/,
    ],
    [
      "a logging block without a bucket",
      { ...DISTRIBUTION, logging_config: { prefix: "cloudfront/" } },
      /logging_config\.bucket is unset/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(cloudFrontAccessLogging, attributes, expected));
});
