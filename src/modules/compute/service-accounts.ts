/** A Kubernetes service account, by namespace and name. */
export interface ServiceAccountRef {
  readonly namespace: string;
  readonly name: string;
}

/**
 * The service accounts that assume IAM roles through the cluster's OIDC provider (IRSA).
 *
 * Fixed literals because each one is written twice: here, in the `sub` condition of its role's
 * trust policy, and in the `*-k8s` stacks, which create the service account annotated with the
 * role's ARN. A name that drifts on one side makes `sts:AssumeRoleWithWebIdentity` fail with a
 * bare AccessDenied, so both sides import these constants.
 */
export const SERVICE_ACCOUNTS = {
  loadBalancerController: { namespace: "kube-system", name: "aws-load-balancer-controller" },
  clusterAutoscaler: { namespace: "kube-system", name: "cluster-autoscaler" },
  /** The name the aws-ebs-csi-driver managed add-on gives its controller's service account. */
  ebsCsiController: { namespace: "kube-system", name: "ebs-csi-controller-sa" },
  adotCollector: { namespace: "observability", name: "adot-collector" },
  app: { namespace: "birthday", name: "birthday-app" },
  /** The database bootstrap Job, in a namespace of its own: it reads the master secret. */
  dbBootstrap: { namespace: "titan-db-bootstrap", name: "db-bootstrap" },
} as const satisfies Record<string, ServiceAccountRef>;
