import { elasticacheEncryption } from "../../../src/policy/rules/elasticache-encryption";
import { type Case, expectVerdict } from "./fixtures";

const ENCRYPTED = {
  replication_group_id: "titan-primary-redis",
  transit_encryption_enabled: true,
  at_rest_encryption_enabled: "true",
  kms_key_id: "${aws_kms_key.DataKey_17AFBB84.arn}",
};
const SECONDARY = { replication_group_id: "titan-dr-redis", global_replication_group_id: "${aws_x.y.id}" };

describe("TITAN-REDIS-1: Redis is encrypted in transit and at rest, without an AUTH token", () => {
  test.each<Case>([
    ["encrypted both ways (as synthesized)", ENCRYPTED, "compliant"],
    ["at rest given as a boolean", { ...ENCRYPTED, at_rest_encryption_enabled: true }, "compliant"],
    ["a Global Datastore secondary inherits encryption", SECONDARY, "not-applicable"],
    [
      "no transit encryption",
      { ...ENCRYPTED, transit_encryption_enabled: false },
      /transit_encryption_enabled is false: set it to true/,
    ],
    [
      "no at-rest encryption",
      { ...ENCRYPTED, at_rest_encryption_enabled: undefined },
      /at_rest_encryption_enabled is unset: set it to "true"/,
    ],
    ["an AUTH token", { ...ENCRYPTED, auth_token: "0123456789abcdef" }, /auth_token is set.*RBAC/],
    ["a secondary with an AUTH token is judged", { ...SECONDARY, auth_token: "0123456789abcdef" }, /auth_token is set/],
  ])("%s", (_name, attributes, expected) => expectVerdict(elasticacheEncryption, attributes, expected));
});
