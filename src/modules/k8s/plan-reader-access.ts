import { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
import { ClusterRoleV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-v1";
import { RoleBindingV1 } from "@cdktf/provider-kubernetes/lib/role-binding-v1";
import { RoleV1 } from "@cdktf/provider-kubernetes/lib/role-v1";
import { Construct } from "constructs";
import { PLAN_READERS_GROUP } from "../compute/cluster-access";

const READ = ["get", "list", "watch"];

export interface PlanReaderAccessProps {
  /**
   * Namespaces of the Helm releases and Kubernetes secrets Terraform manages: the helm provider
   * reads each release from its `sh.helm.release.v1.*` secrets, the kubernetes provider each secret
   * it wrote (Grafana's login, which the plan role reads from Secrets Manager anyway). RBAC cannot
   * narrow `list` by label, so every secret of these namespaces is readable: in kube-system that
   * includes the load balancer controller's webhook certificate, which no plan-time code could use
   * without a position inside the cluster's network. Keyed by a stable label (the names may be
   * references to the namespaces, so the Roles wait for them).
   */
  readonly releaseNamespaces: Readonly<Record<string, string>>;
}

/**
 * What a plan of this stack reads beyond EKS's view policy, for {@link PLAN_READERS_GROUP} (the CI
 * plan role): the cluster-scoped objects it manages (StorageClass, RBAC) and the release secrets in
 * the platform's namespaces. Read only; no secret of the app's namespace or of the database
 * bootstrap's, where no Terraform-managed secret lives.
 */
export class PlanReaderAccess extends Construct {
  constructor(scope: Construct, id: string, props: PlanReaderAccessProps) {
    super(scope, id);
    const labels = { "app.kubernetes.io/managed-by": "titan" };
    const name = "titan:plan-reader";
    const subject = [{ kind: "Group", name: PLAN_READERS_GROUP, apiGroup: "rbac.authorization.k8s.io" }];
    const clusterRole = new ClusterRoleV1(this, "ClusterRole", {
      metadata: { name, labels },
      rule: [
        { apiGroups: ["storage.k8s.io"], resources: ["storageclasses"], verbs: READ },
        {
          apiGroups: ["rbac.authorization.k8s.io"],
          resources: ["roles", "rolebindings", "clusterroles", "clusterrolebindings"],
          verbs: READ,
        },
        // EKS's view policy already reads NetworkPolicies; named here so the stack's refresh does
        // not depend on what AWS puts in that policy.
        { apiGroups: ["networking.k8s.io"], resources: ["networkpolicies"], verbs: READ },
      ],
    });
    new ClusterRoleBindingV1(this, "ClusterRoleBinding", {
      metadata: { name, labels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: clusterRole.metadata.name },
      subject,
    });
    const releases = new Construct(this, "ReleaseSecrets");
    for (const [label, namespace] of Object.entries(props.releaseNamespaces)) {
      const perNamespace = new Construct(releases, label);
      const role = new RoleV1(perNamespace, "Role", {
        metadata: { namespace, name: "titan:plan-reader-secrets", labels },
        rule: [{ apiGroups: [""], resources: ["secrets"], verbs: READ }],
      });
      new RoleBindingV1(perNamespace, "Binding", {
        metadata: { namespace, name: "titan:plan-reader-secrets", labels },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: role.metadata.name },
        subject,
      });
    }
  }
}
