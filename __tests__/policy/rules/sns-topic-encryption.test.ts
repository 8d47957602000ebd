import { snsTopicEncryption } from "../../../src/policy/rules/sns-topic-encryption";
import { type Case, expectVerdict } from "./fixtures";

describe("TITAN-SNS-1: SNS topics are encrypted", () => {
  test.each<Case>([
    [
      "a customer key",
      { name: "titan-primary-alarms", kms_master_key_id: "${aws_kms_key.DataKey_17AFBB84.arn}" },
      "compliant",
    ],
    ["the AWS managed key by alias", { name: "t", kms_master_key_id: "alias/aws/sns" }, "compliant"],
    ["no key", { name: "titan-primary-alarms" }, /kms_master_key_id is unset: set it to the region's customer key/],
    ["an empty key", { name: "t", kms_master_key_id: "" }, /kms_master_key_id is unset/],
  ])("%s", (_name, attributes, expected) => expectVerdict(snsTopicEncryption, attributes, expected));
});
