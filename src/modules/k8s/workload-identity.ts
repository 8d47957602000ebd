import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { Construct } from "constructs";
import type { ServiceAccountRef } from "../compute/service-accounts";
import { podSecurityLabels } from "./pod-security";

export interface AppNamespaceProps {
  /** The app's service account; its namespace is created here. */
  readonly serviceAccount: ServiceAccountRef;
  /** The IAM role the service account assumes through the cluster's OIDC provider (IRSA). */
  readonly roleArn: string;
}

/**
 * The app's namespace and its IRSA-annotated service account.
 *
 * Created by Terraform rather than by `helm --create-namespace` because the CodeBuild deploy role
 * may only edit inside this namespace (an EKS access policy scoped to it): it cannot create
 * namespaces, and it should not be the one deciding which IAM role the app's pods assume. The
 * chart is installed with `serviceAccount.create=false` and this account's name.
 */
export class AppNamespace extends Construct {
  readonly namespace: NamespaceV1;
  readonly serviceAccount: ServiceAccountV1;

  constructor(scope: Construct, id: string, props: AppNamespaceProps) {
    super(scope, id);
    const labels = { "app.kubernetes.io/managed-by": "titan" };
    this.namespace = new NamespaceV1(this, "Resource", {
      metadata: {
        name: props.serviceAccount.namespace,
        // The load balancer controller adds a readiness gate to pods here: a rollout waits until
        // new pods pass the ALB's health check before old ones go. The deploy role creates pods
        // here: `restricted` keeps them off the node (the app chart's pods comply; tested).
        labels: {
          ...labels,
          "elbv2.k8s.aws/pod-readiness-gate-inject": "enabled",
          ...podSecurityLabels("restricted"),
        },
      },
    });
    this.serviceAccount = new ServiceAccountV1(this, "ServiceAccount", {
      metadata: {
        name: props.serviceAccount.name,
        namespace: this.namespace.metadata.name,
        labels,
        annotations: { "eks.amazonaws.com/role-arn": props.roleArn },
      },
      automountServiceAccountToken: true,
    });
  }
}
