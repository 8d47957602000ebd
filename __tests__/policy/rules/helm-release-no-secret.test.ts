import { helmReleaseNoSecret } from "../../../src/policy/rules/helm-release-no-secret";
import { type Case, expectVerdict } from "./fixtures";

const GRAFANA_FROM_SECRET = JSON.stringify({
  grafana: { admin: { existingSecret: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" } },
});

describe("TITAN-HELM-2: Helm releases carry no credential", () => {
  test.each<Case>([
    ["admin login from an existing secret (as synthesized)", { values: [GRAFANA_FROM_SECRET] }, "compliant"],
    ["no values at all", {}, "compliant"],
    [
      "seed 003's plaintext Grafana password in set",
      { set: [{ name: "adminPassword", value: "super-secure-password" }] },
      /set "adminPassword" looks like a credential/,
    ],
    [
      "a password in set_sensitive (still in state)",
      { set_sensitive: [{ name: "auth.password", value: "x" }] },
      /set "auth.password" looks like a credential/,
    ],
    [
      "a password in values",
      { values: [JSON.stringify({ grafana: { adminPassword: "hunter2" } })] },
      /values\[0\] sets grafana.adminPassword/,
    ],
    [
      "an API token in values",
      { values: [JSON.stringify({ exporter: { apiToken: "abc" } })] },
      /sets exporter.apiToken/,
    ],
    ["values the rule cannot read", { values: ["adminPassword: x"] }, /values\[0\] is not JSON/],
    ["a literal in set_wo", { set_wo: [{ name: "adminPassword", value: "x" }] }, /set_wo holds literal values/],
  ])("%s", (_name, attributes, expected) => expectVerdict(helmReleaseNoSecret, attributes, expected));
});
