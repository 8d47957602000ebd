import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Fn } from "cdktf";
import type { Construct } from "constructs";
import type { RegionRole } from "../config";
import { EksCluster } from "../modules/compute/eks-cluster";
import { SERVICE_ACCOUNTS } from "../modules/compute/service-accounts";
import { WorkloadRoles } from "../modules/compute/workload-roles";
import { AppNamespace } from "../modules/k8s/workload-identity";
import { awsProvider, TitanStack, type TitanStackProps } from "./stack-base";

export interface K8sStackProps extends TitanStackProps {
  readonly role: RegionRole;
}

/**
 * In-cluster workloads of one region, through the helm and kubernetes providers.
 *
 * Apart from the regional stack because a provider configured from a cluster created in the same
 * apply fails in known ways (terraform-aws-eks #911, #1280; helm provider #508 with 15-minute
 * tokens). The cluster is looked up by its name from config and reached with exec auth
 * (`aws eks get-token`), which fetches a fresh token on every call.
 */
export class K8sStack extends TitanStack {
  readonly role: RegionRole;
  readonly clusterName: string;

  constructor(scope: Construct, id: string, props: K8sStackProps) {
    super(scope, id, props.config, { nameScope: props.role, stateRole: props.role, backend: props.backend });
    this.role = props.role;
    const region = props.config.regions[props.role].region;
    awsProvider(this, props.config, { region, scope: props.role });

    this.clusterName = EksCluster.clusterNameFor(this.namer);
    const cluster = new DataAwsEksCluster(this, "Cluster", { name: this.clusterName });
    const connection = {
      host: cluster.endpoint,
      clusterCaCertificate: Fn.base64decode(cluster.certificateAuthority.get(0).data),
    };
    const exec = {
      apiVersion: "client.authentication.k8s.io/v1beta1",
      command: "aws",
      args: ["eks", "get-token", "--cluster-name", this.clusterName, "--region", region, "--output", "json"],
    };
    new KubernetesProvider(this, "kubernetes", { ...connection, exec: [exec] });
    new HelmProvider(this, "helm", { kubernetes: { ...connection, exec } });

    const accountId = new DataAwsCallerIdentity(this, "Account").accountId;
    new AppNamespace(this, "App", {
      serviceAccount: SERVICE_ACCOUNTS.app,
      roleArn: `arn:aws:iam::${accountId}:role/${WorkloadRoles.appRoleName(this.namer)}`,
    });
  }
}
