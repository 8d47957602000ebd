import { isExpression } from "../attributes";
import { type PolicyRule, verdict } from "../rule";

/**
 * A Kubernetes secret made by Terraform holds no value in `data` or `binary_data` (both are stored
 * in state and shown in plans): its values go through `data_wo`, each one an expression over an
 * ephemeral source, never a literal.
 */
export const kubernetesSecretWriteOnly: PolicyRule = {
  id: "TITAN-K8S-1",
  title: "Kubernetes secrets are filled through data_wo from an ephemeral source",
  severity: "high",
  mirrors: {
    none: "checkov and trivy flag secrets in manifests, not a Terraform kubernetes_secret that keeps its data in state instead of a write-only argument",
  },
  resourceTypes: ["kubernetes_secret_v1", "kubernetes_secret"],
  check({ attributes }) {
    const plain = ["data", "binary_data"].filter((key) => {
      const value = attributes[key];
      return value !== undefined && value !== null && Object.keys(value as object).length > 0;
    });
    const writeOnly = (attributes.data_wo ?? {}) as Record<string, unknown>;
    const literals = Object.entries(writeOnly)
      .filter(([, value]) => !(isExpression(value) && String(value).includes("ephemeral.")))
      .map(([key]) => key);
    return verdict([
      plain.length > 0 && `${plain.join(" and ")} would store the values in state: write them through data_wo`,
      literals.length > 0 &&
        `data_wo ${literals.map((key) => `"${key}"`).join(", ")} is not read from an ephemeral resource: never write a literal`,
    ]);
  },
};
