import { block, shown } from "../attributes";
import { type PolicyRule, verdict } from "../rule";

const LEVELS = ["restricted", "baseline", "privileged"];
const PREFIX = "pod-security.kubernetes.io";

/**
 * Every namespace titan creates says which Pod Security profile it enforces. Kubernetes' default
 * is `privileged`: without the label, whoever may create a pod there may run one that owns its
 * node. A namespace that enforces `privileged` on purpose (node-exporter's) must still have its
 * pods reported against a stricter profile (`warn` and `audit`), so the exception stays visible.
 */
export const kubernetesNamespacePodSecurity: PolicyRule = {
  id: "TITAN-K8S-4",
  title: "Kubernetes namespaces enforce a Pod Security profile; a privileged one reports against a stricter profile",
  severity: "high",
  mirrors: {
    none: "checkov and trivy judge pod specs and the retired PodSecurityPolicy, not a Namespace's Pod Security admission labels; prowler does not read Kubernetes objects from Terraform",
  },
  resourceTypes: ["kubernetes_namespace_v1", "kubernetes_namespace"],
  check({ attributes }) {
    const labels = (block(attributes, "metadata")?.labels ?? {}) as Record<string, unknown>;
    const level = (mode: string) => labels[`${PREFIX}/${mode}`];
    const enforce = level("enforce");
    const invalid = (mode: string) =>
      level(mode) !== undefined &&
      !LEVELS.includes(String(level(mode))) &&
      `${PREFIX}/${mode} is ${shown(level(mode))}: use one of ${LEVELS.join(", ")}`;
    return verdict([
      enforce === undefined &&
        `metadata.labels has no ${PREFIX}/enforce, so Kubernetes admits privileged pods: set it to restricted (or baseline, privileged with a reason)`,
      invalid("enforce"),
      invalid("warn"),
      invalid("audit"),
      enforce === "privileged" &&
        (level("warn") ?? "privileged") === "privileged" &&
        `enforces privileged and warns against nothing stricter: set ${PREFIX}/warn and ${PREFIX}/audit to baseline or restricted`,
    ]);
  },
};
