/**
 * Pod Security admission (Kubernetes' built-in admission controller) for the namespaces titan
 * creates: which profile each enforces, and why. Kubernetes' default is `privileged`, which would
 * let anyone who can create a pod (the pipeline's deploy role can, in the app's namespace) run one
 * with `privileged` or `hostPath: /` and own its node, with every IRSA token projected there.
 */

/** Pod Security Standards profiles, least to most permissive. */
export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

export const POD_SECURITY_LEVELS: readonly PodSecurityLevel[] = ["restricted", "baseline", "privileged"];

/** The label prefix the admission controller reads. */
export const POD_SECURITY_LABEL = "pod-security.kubernetes.io";

/**
 * The labels of a namespace enforcing `enforce`. `warn` and `audit` default to `restricted`, so a
 * pod short of it is reported (to the client, to the audit log) even where a looser profile is
 * enforced. No version label: the profile follows the cluster's Kubernetes version.
 */
export function podSecurityLabels(
  enforce: PodSecurityLevel,
  report: PodSecurityLevel = "restricted",
): Record<string, string> {
  return {
    [`${POD_SECURITY_LABEL}/enforce`]: enforce,
    [`${POD_SECURITY_LABEL}/warn`]: report,
    [`${POD_SECURITY_LABEL}/audit`]: report,
  };
}
