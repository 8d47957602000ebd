import { cloudFrontResponseHeaders } from "../../../src/policy/rules/cloudfront-response-headers";
import { CACHED_BEHAVIOUR, DISTRIBUTION } from "./cloudfront-fixtures";
import { type Case, expectVerdict } from "./fixtures";

describe("TITAN-CF-5: every behaviour adds the security headers", () => {
  test.each<Case>([
    ["the edge's distribution (as synthesized)", DISTRIBUTION, "compliant"],
    [
      "the default behaviour without a headers policy",
      {
        ...DISTRIBUTION,
        default_cache_behavior: { ...DISTRIBUTION.default_cache_behavior, response_headers_policy_id: undefined },
      },
      /the default behaviour has no response_headers_policy_id/,
    ],
    [
      "a cached path without a headers policy",
      { ...DISTRIBUTION, ordered_cache_behavior: [{ ...CACHED_BEHAVIOUR, response_headers_policy_id: undefined }] },
      /behaviour \/static\/\* has no response_headers_policy_id: attach the edge's security headers policy/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(cloudFrontResponseHeaders, attributes, expected));
});
