import { block, blocks, isTrue } from "../attributes";
import type { Attributes } from "../rule";
import { type PolicyRule, verdict } from "../rule";

/**
 * Pods Terraform runs (Jobs) run as a non-root user, cannot escalate privileges, keep a read-only
 * root filesystem and drop every capability: the restricted Pod Security profile.
 */
export const kubernetesJobHardening: PolicyRule = {
  id: "TITAN-K8S-3",
  title: "Kubernetes Jobs run non-root, read-only, without privilege escalation or capabilities",
  severity: "high",
  mirrors: [
    { tool: "checkov", id: "CKV_K8S_20" },
    { tool: "checkov", id: "CKV_K8S_22" },
    { tool: "checkov", id: "CKV_K8S_23" },
    { tool: "checkov", id: "CKV_K8S_37" },
    { tool: "trivy", id: "AVD-KSV-0001" },
    { tool: "trivy", id: "AVD-KSV-0003" },
    { tool: "trivy", id: "AVD-KSV-0012" },
    { tool: "trivy", id: "AVD-KSV-0014" },
  ],
  resourceTypes: ["kubernetes_job_v1", "kubernetes_job"],
  check({ attributes }) {
    const pod = block(block(block(attributes, "spec") ?? {}, "template") ?? {}, "spec") ?? {};
    const podSecurity = block(pod, "security_context") ?? {};
    const containers: Attributes[] = [...blocks(pod, "container"), ...blocks(pod, "init_container")];
    const problems: (string | false)[] = [];
    for (const container of containers) {
      const name = String(container.name ?? "?");
      const security = block(container, "security_context") ?? {};
      const dropped = blocks(security, "capabilities").flatMap((caps) => (caps.drop as string[] | undefined) ?? []);
      problems.push(
        !isTrue(security.run_as_non_root) &&
          !isTrue(podSecurity.run_as_non_root) &&
          `container "${name}" may run as root: set run_as_non_root`,
        security.allow_privilege_escalation !== false &&
          `container "${name}" may escalate privileges: set allow_privilege_escalation = false`,
        !isTrue(security.read_only_root_filesystem) &&
          `container "${name}" has a writable root filesystem: set read_only_root_filesystem = true`,
        !dropped.includes("ALL") && `container "${name}" keeps capabilities: drop ["ALL"]`,
      );
    }
    return verdict(problems);
  },
};
