import { rdsClusterProtection } from "../../../src/policy/rules/rds-cluster-protection";
import { type Case, expectVerdict } from "./fixtures";

const PROTECTED = {
  cluster_identifier: "titan-primary-aurora",
  storage_encrypted: true,
  kms_key_id: "${aws_kms_key.DataKey_17AFBB84.arn}",
  deletion_protection: true,
  iam_database_authentication_enabled: true,
};

describe("TITAN-RDS-1: Aurora clusters are encrypted, protected and keep no password in state", () => {
  test.each<Case>([
    [
      "a write-only master password",
      { ...PROTECTED, master_password_wo: "${ephemeral.x.y}", master_password_wo_version: 1 },
      "compliant",
    ],
    [
      "a secondary without credentials",
      { ...PROTECTED, global_cluster_identifier: "titan-aurora-global" },
      "compliant",
    ],
    ["unencrypted storage", { ...PROTECTED, storage_encrypted: false }, /storage_encrypted is false: set it to true/],
    ["no customer key", { ...PROTECTED, kms_key_id: undefined }, /kms_key_id is unset/],
    [
      "no deletion protection",
      { ...PROTECTED, deletion_protection: undefined },
      /deletion_protection is unset: set it to true/,
    ],
    [
      "no IAM authentication",
      { ...PROTECTED, iam_database_authentication_enabled: false },
      /iam_database_authentication_enabled is false/,
    ],
    [
      "a stored master password",
      { ...PROTECTED, master_password: "securepassword" },
      /master_password is set.*use master_password_wo/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(rdsClusterProtection, attributes, expected));
});
