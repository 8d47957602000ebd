import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { DataAwsKmsAlias } from "@cdktf/provider-aws/lib/data-aws-kms-alias";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Fn } from "cdktf";
import type { Construct } from "constructs";
import { type RegionRole, regionState } from "../config";
import { EksCluster } from "../modules/compute/eks-cluster";
import { ImageCacheRef, privateRegistryHost } from "../modules/compute/image-cache-names";
import { SERVICE_ACCOUNTS } from "../modules/compute/service-accounts";
import { type IrsaWorkload, WorkloadRoles } from "../modules/compute/workload-roles";
import { DatabaseCredentials } from "../modules/database/db-credentials";
import { ClusterPlatform } from "../modules/k8s/cluster-platform";
import { DatabaseBootstrap } from "../modules/k8s/db-bootstrap";
import { AppDeployerAccess } from "../modules/k8s/deployer-access";
import { PlanReaderAccess } from "../modules/k8s/plan-reader-access";
import { AppNamespace } from "../modules/k8s/workload-identity";
import { GrafanaAdminCredentials } from "../modules/observability/grafana-admin-credentials";
import { dataKeyAlias } from "./regional/context";
import { databaseHostname } from "./regional/data-tier";
import { awsProvider, TitanStack, type TitanStackProps } from "./stack-base";

export interface K8sStackProps extends TitanStackProps {
  readonly role: RegionRole;
}

/**
 * In-cluster workloads of one region, through the helm and kubernetes providers: the platform
 * releases, the app's namespace and service account, and (in the writer's region) the app's
 * database role. The app's own release belongs to the pipeline.
 *
 * Apart from the regional stack because a provider configured from a cluster created in the same
 * apply fails in known ways (terraform-aws-eks #911, #1280; helm provider #508 with 15-minute
 * tokens). The cluster is looked up by its name from config and reached with exec auth
 * (`aws eks get-token`), which fetches a fresh token on every call. Everything it reads is in its
 * own region (the cluster, the region's key and secrets), so `dr-k8s` applies while us-east-2 is down.
 */
export class K8sStack extends TitanStack {
  readonly role: RegionRole;
  readonly clusterName: string;
  readonly platform: ClusterPlatform;
  readonly databaseBootstrap?: DatabaseBootstrap;

  constructor(scope: Construct, id: string, props: K8sStackProps) {
    super(scope, id, props.config, { nameScope: props.role, stateRole: props.role, backend: props.backend });
    const { config } = props;
    this.role = props.role;
    const region = config.regions[props.role].region;
    awsProvider(this, config, { region, scope: props.role });

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
    const roleArn = (workload: IrsaWorkload) =>
      `arn:aws:iam::${accountId}:role/${WorkloadRoles.roleNameOf(this.namer, workload)}`;
    const app = new AppNamespace(this, "App", {
      serviceAccount: SERVICE_ACCOUNTS.app,
      roleArn: roleArn("app"),
    });
    new AppDeployerAccess(this, "AppDeployerAccess", { namespace: app.namespace.metadata.name });

    // The regional stack's pull through cache, by name: the images' region is this cluster's.
    const images = new ImageCacheRef(config.project, privateRegistryHost(accountId, region));
    const dataKey = new DataAwsKmsAlias(this, "DataKey", { name: `alias/${dataKeyAlias(this.namer)}` });
    this.platform = new ClusterPlatform(this, "Platform", {
      clusterName: this.clusterName,
      region,
      vpcId: cluster.vpcConfig.get(0).vpcId,
      kubernetesVersion: config.kubernetes.version,
      settings: config.kubernetes.platform,
      role: props.role,
      state: regionState(config, props.role),
      roleArns: {
        loadBalancerController: roleArn("loadBalancerController"),
        clusterAutoscaler: roleArn("clusterAutoscaler"),
        traceCollector: roleArn("adotCollector"),
      },
      kmsKeyArn: dataKey.targetKeyArn,
      grafanaAdminSecretName: GrafanaAdminCredentials.secretName(this.namer),
      images,
    });

    // The team workflow's plan role reads the cluster (regional stack's access entry): what its
    // refresh of this stack needs beyond EKS's view policy.
    if (config.ci.githubRepository !== "") {
      new PlanReaderAccess(this, "PlanReaderAccess", {
        releaseNamespaces: {
          "kube-system": "kube-system",
          monitoring: this.platform.namespaces.monitoring.metadata.name,
          tracing: this.platform.namespaces.tracing.metadata.name,
        },
      });
    }

    // The writer's region only (dr.activeRole): its db name is the writer, while the standby's is a
    // reader whose forwarded writes carry no CREATE ROLE. Aurora global replication carries the
    // role to the other cluster, and after a failover the flip moves the Job (and its IRSA role,
    // made by the regional stack of the same region) to DR.
    if (regionState(config, props.role) === "active") {
      const db = config.database;
      this.databaseBootstrap = new DatabaseBootstrap(this, "DatabaseBootstrap", {
        // Primary's secret, which DR holds as a replica under the same name.
        masterSecretName: DatabaseCredentials.secretName(this.namer.forScope("primary")),
        serviceAccountRoleArn: roleArn("dbBootstrap"),
        region,
        images,
        vpcCidr: config.regions[props.role].vpcCidr,
        masterUsername: db.masterUsername,
        host: databaseHostname(config.domain.internalZoneName),
        databaseName: db.databaseName,
        appUsername: db.appUsername,
      });
    }
  }
}
