import { kmsKeyRotation } from "../../../src/policy/rules/kms-key-rotation";
import { type Case, expectVerdict } from "./fixtures";

describe("TITAN-KMS-1: symmetric KMS keys rotate", () => {
  test.each<Case>([
    ["rotation on", { description: "data", enable_key_rotation: true }, "compliant"],
    [
      "an asymmetric signing key cannot rotate",
      { customer_master_key_spec: "ECC_NIST_P256", key_usage: "SIGN_VERIFY" },
      "not-applicable",
    ],
    [
      "rotation off",
      { description: "data", enable_key_rotation: false },
      /enable_key_rotation is false: set it to true/,
    ],
    [
      "rotation unset (off by default)",
      { customer_master_key_spec: "SYMMETRIC_DEFAULT" },
      /enable_key_rotation is unset/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(kmsKeyRotation, attributes, expected));
});
