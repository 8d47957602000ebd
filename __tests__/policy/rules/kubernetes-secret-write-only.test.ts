import { kubernetesSecretWriteOnly } from "../../../src/policy/rules/kubernetes-secret-write-only";
import { type Case, expectVerdict } from "./fixtures";

const FROM_EPHEMERAL =
  '${jsondecode(ephemeral.aws_secretsmanager_secret_version.k8s_secret_source_c8b5220b.secret_string)["password"]}';

describe("TITAN-K8S-1: Kubernetes secrets are written through data_wo", () => {
  test.each<Case>([
    [
      "data_wo from an ephemeral read (as synthesized)",
      { data_wo: { "admin-password": FROM_EPHEMERAL }, data_wo_revision: 1 },
      "compliant",
    ],
    ["values in data", { data: { "admin-password": "hunter2" } }, /data would store the values in state/],
    ["values in binary_data", { binary_data: { key: "aGk=" } }, /binary_data would store the values in state/],
    [
      "a literal in data_wo",
      { data_wo: { "admin-password": "hunter2" } },
      /data_wo "admin-password" is not read from an ephemeral resource/,
    ],
    [
      "an expression that is not ephemeral",
      { data_wo: { token: "${aws_secretsmanager_secret_version.x.secret_string}" } },
      /data_wo "token" is not read from an ephemeral resource/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(kubernetesSecretWriteOnly, attributes, expected));
});
