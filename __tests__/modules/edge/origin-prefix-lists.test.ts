import {
  CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST,
  healthCheckerPrefixListName,
  OriginPrefixLists,
} from "../../../src/modules/edge/origin-prefix-lists";
import { synthScope } from "./synth";

describe("OriginPrefixLists", () => {
  test.each(["us-east-2", "us-west-1"])(
    "looks up CloudFront's global list and %s's health-checker list by name",
    (region) => {
      const json = synthScope((scope) => {
        new OriginPrefixLists(scope, "OriginPrefixLists", { region });
      });
      expect(Object.values(json.data?.aws_ec2_managed_prefix_list ?? {})).toEqual([
        { name: "com.amazonaws.global.cloudfront.origin-facing" },
        { name: `com.amazonaws.${region}.route53-healthchecks` },
      ]);
    },
  );

  it("names the lists as AWS publishes them", () => {
    expect(CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST).toBe("com.amazonaws.global.cloudfront.origin-facing");
    expect(healthCheckerPrefixListName("us-west-1")).toBe("com.amazonaws.us-west-1.route53-healthchecks");
  });
});
