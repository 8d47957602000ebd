import { launchTemplateImdsv2 } from "../../../src/policy/rules/launch-template-imdsv2";
import { type Case, expectVerdict } from "./fixtures";

describe("TITAN-EC2-1: launch templates require IMDSv2", () => {
  test.each<Case>([
    ["http_tokens required", { metadata_options: { http_endpoint: "enabled", http_tokens: "required" } }, "compliant"],
    ["required, list-rendered", { metadata_options: [{ http_tokens: "required" }] }, "compliant"],
    [
      "http_tokens optional (IMDSv1)",
      { metadata_options: { http_tokens: "optional" } },
      /http_tokens is "optional": set it to "required"/,
    ],
    ["no metadata_options (the default allows IMDSv1)", { image_id: "ami-1" }, /http_tokens is unset/],
  ])("%s", (_name, attributes, expected) => expectVerdict(launchTemplateImdsv2, attributes, expected));
});
