import { logGroupEncryption } from "../../../src/policy/rules/log-group-encryption";
import { type Case, expectVerdict } from "./fixtures";

const KEY = "${aws_kms_key.DataKey_17AFBB84.arn}";

describe("TITAN-LOGS-1: log groups are encrypted and expire", () => {
  test.each<Case>([
    ["customer key and 90 days", { name: "/app", kms_key_id: KEY, retention_in_days: 90 }, "compliant"],
    ["retention from an expression", { name: "/app", kms_key_id: KEY, retention_in_days: "${var.days}" }, "compliant"],
    ["no key", { name: "/app", retention_in_days: 90 }, /kms_key_id is unset: set it to the region's customer key/],
    [
      "no retention (kept forever)",
      { name: "/app", kms_key_id: KEY },
      /retention_in_days is unset, which keeps logs forever/,
    ],
    ["retention 0 (never expire)", { name: "/app", kms_key_id: KEY, retention_in_days: 0 }, /retention_in_days is 0/],
    ["neither: both problems in one message", { name: "/app" }, /kms_key_id is unset.*; retention_in_days is unset/],
  ])("%s", (_name, attributes, expected) => expectVerdict(logGroupEncryption, attributes, expected));
});
