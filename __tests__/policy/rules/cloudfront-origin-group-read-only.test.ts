import { cloudFrontOriginGroupReadOnly } from "../../../src/policy/rules/cloudfront-origin-group-read-only";
import { CACHED_BEHAVIOUR, DEFAULT_BEHAVIOUR, DISTRIBUTION } from "./cloudfront-fixtures";
import { type Case, expectVerdict } from "./fixtures";

describe("TITAN-CF-6: origin groups serve read-only behaviours only", () => {
  test.each<Case>([
    ["the edge's distribution (as synthesized)", DISTRIBUTION, "compliant"],
    [
      "GET and HEAD only",
      { ...DISTRIBUTION, ordered_cache_behavior: [{ ...CACHED_BEHAVIOUR, allowed_methods: ["GET", "HEAD"] }] },
      "compliant",
    ],
    ["no origin group at all", { ...DISTRIBUTION, origin_group: undefined, ordered_cache_behavior: [] }, "compliant"],
    [
      "a cached path allowing writes through the group",
      {
        ...DISTRIBUTION,
        ordered_cache_behavior: [{ ...CACHED_BEHAVIOUR, allowed_methods: DEFAULT_BEHAVIOUR.allowed_methods }],
      },
      /behaviour \/static\/\* sends allowed_methods \["DELETE",.*\] to origin group "read-only-failover": allow GET, HEAD \(and OPTIONS\) only there/,
    ],
    [
      "the default behaviour (all methods) on the group",
      { ...DISTRIBUTION, default_cache_behavior: { ...DEFAULT_BEHAVIOUR, target_origin_id: "read-only-failover" } },
      /the default behaviour sends allowed_methods/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(cloudFrontOriginGroupReadOnly, attributes, expected));
});
