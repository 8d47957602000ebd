import { RoleBindingV1 } from "@cdktf/provider-kubernetes/lib/role-binding-v1";
import { RoleV1 } from "@cdktf/provider-kubernetes/lib/role-v1";
import { Construct } from "constructs";
import { APP_DEPLOYERS_GROUP } from "../compute/cluster-access";

export interface AppDeployerAccessProps {
  /** The app's namespace, where the deploy role may edit. */
  readonly namespace: string;
}

/**
 * Lets the pipeline's deploy role manage the app chart's TargetGroupBinding, in the app's
 * namespace only. Its EKS access policy (AmazonEKSEditPolicy) covers Kubernetes' own kinds, not
 * CRDs; the access entry puts the role in {@link APP_DEPLOYERS_GROUP}, which this Role is bound
 * to. Nothing cluster-wide: the deploy role still cannot touch the controller or its CRD.
 */
export class AppDeployerAccess extends Construct {
  constructor(scope: Construct, id: string, props: AppDeployerAccessProps) {
    super(scope, id);
    const labels = { "app.kubernetes.io/managed-by": "titan" };
    const role = new RoleV1(this, "Role", {
      metadata: { namespace: props.namespace, name: "app-deployer-targetgroupbindings", labels },
      rule: [
        {
          apiGroups: ["elbv2.k8s.aws"],
          resources: ["targetgroupbindings"],
          verbs: ["get", "list", "watch", "create", "update", "patch", "delete"],
        },
      ],
    });
    new RoleBindingV1(this, "Binding", {
      metadata: { namespace: props.namespace, name: "app-deployer-targetgroupbindings", labels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: role.metadata.name },
      subject: [{ kind: "Group", name: APP_DEPLOYERS_GROUP, apiGroup: "rbac.authorization.k8s.io" }],
    });
  }
}
