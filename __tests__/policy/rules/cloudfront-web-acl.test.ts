import { cloudFrontWebAcl } from "../../../src/policy/rules/cloudfront-web-acl";
import { DISTRIBUTION } from "./cloudfront-fixtures";
import { type Case, expectVerdict } from "./fixtures";

describe("TITAN-CF-1: distributions are fronted by a web ACL", () => {
  test.each<Case>([
    ["the edge's distribution (as synthesized)", DISTRIBUTION, "compliant"],
    [
      "no web ACL",
      { ...DISTRIBUTION, web_acl_id: undefined },
      /web_acl_id is unset: attach the edge's CLOUDFRONT web ACL/,
    ],
    ["an empty web ACL id", { ...DISTRIBUTION, web_acl_id: "" }, /web_acl_id is unset/],
  ])("%s", (_name, attributes, expected) => expectVerdict(cloudFrontWebAcl, attributes, expected));
});
