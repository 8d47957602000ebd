import { blocks } from "../attributes";
import { type PolicyRule, verdict } from "../rule";

/** Verbs that let a subject grant itself more than it holds. */
const ESCALATING_VERBS = ["escalate", "bind", "impersonate"];

/**
 * Roles titan writes name their API groups, resources and verbs; none can grant or assume more
 * than it holds; and no ClusterRole reaches secrets, since a cluster-wide secret read is every
 * namespace's credentials at once (a namespaced Role may, where a plan must read release state).
 */
export const kubernetesRbacLeastPrivilege: PolicyRule = {
  id: "TITAN-K8S-5",
  title: "Kubernetes Roles name their resources and verbs, cannot escalate, and no ClusterRole reaches secrets",
  severity: "high",
  mirrors: [
    { tool: "checkov", id: "CKV_K8S_49" },
    { tool: "trivy", id: "AVD-KSV-0041" },
    { tool: "trivy", id: "AVD-KSV-0044" },
    { tool: "trivy", id: "AVD-KSV-0050" },
  ],
  resourceTypes: ["kubernetes_cluster_role_v1", "kubernetes_cluster_role", "kubernetes_role_v1", "kubernetes_role"],
  check({ type, attributes }) {
    const clusterWide = type.startsWith("kubernetes_cluster_role");
    const problems = blocks(attributes, "rule").flatMap((rule, index) => {
      const list = (key: string) => (Array.isArray(rule[key]) ? (rule[key] as unknown[]).map(String) : []);
      const where = `rule[${index}]`;
      const wildcard = ["api_groups", "resources", "verbs"].filter((key) => list(key).includes("*"));
      const escalating = list("verbs").filter((verb) => ESCALATING_VERBS.includes(verb));
      return [
        wildcard.length > 0 && `${where} has "*" in ${wildcard.join(", ")}: name what it needs`,
        escalating.length > 0 &&
          `${where} grants ${escalating.join(", ")}: a subject could grant itself any role; remove them`,
        clusterWide &&
          list("resources").includes("secrets") &&
          `${where} reaches secrets in every namespace: grant it with a Role in the namespaces that need it`,
        list("non_resource_urls").includes("*") && `${where} allows every non-resource URL: name them`,
      ];
    });
    return verdict(problems);
  },
};
