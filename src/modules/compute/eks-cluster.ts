import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { EksCluster as EksClusterResource } from "@cdktf/provider-aws/lib/eks-cluster";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { PropChecks } from "../../validation/prop-checks";
import { EncryptedLogGroup } from "../observability/log-group";
import { ServiceRole } from "../security/service-role";
import { ClusterAccess, checkClusterAccess } from "./cluster-access";
import { KUBERNETES_VERSION, MAX_PUBLIC_ACCESS_CIDRS } from "./limits";
import { SERVICE_ACCOUNTS } from "./service-accounts";

const CLUSTER_POLICY_ARN = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy";
/** Every control-plane log type EKS offers: audit answers "who did what" after an incident. */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

export interface EksClusterProps {
  readonly namer: Namer;
  /** Region and account of the cluster: its role trusts EKS only acting for this cluster. */
  readonly region: string;
  readonly accountId: string;
  /** Physical name (`namer.name("eks", "eksCluster")`): the `*-k8s` stacks look the cluster up by it. */
  readonly clusterName: string;
  /** Kubernetes minor version, e.g. `"1.35"`. */
  readonly kubernetesVersion: string;
  /** Private subnets in at least two AZs: the control plane's network interfaces go there. */
  readonly privateSubnetIds: readonly string[];
  /** The region's customer key: Kubernetes secrets (envelope encryption) and the log group. */
  readonly kmsKeyArn: string;
  /** Days CloudWatch keeps control-plane logs; a value CloudWatch Logs accepts. */
  readonly logRetentionDays: number;
  /**
   * CIDRs allowed to reach the public API endpoint.
   * @default [] - no public endpoint: the API is reachable from the VPC only
   */
  readonly publicAccessCidrs?: readonly string[];
  /** Existing IAM roles (literal ARNs) granted cluster admin; include whoever runs the `*-k8s` stacks. @default [] */
  readonly adminRoleArns?: readonly string[];
  /** Pipeline roles that deploy the app, keyed by a stable label. @default {} - none */
  readonly deployRoleArns?: Readonly<Record<string, string>>;
  /** Namespaces the deploy roles may edit. @default - the app's namespace only */
  readonly deployNamespaces?: readonly string[];
  /**
   * Reach of the deploy roles: `"namespace"` (AmazonEKSEditPolicy in deployNamespaces) or
   * `"cluster"` (cluster admin, for a pipeline that installs CRDs or creates namespaces).
   * @default "namespace"
   */
  readonly deployAccessScope?: "namespace" | "cluster";
  /** Roles that only plan the `*-k8s` stacks, keyed by role name (`ClusterAccessProps.planReaderRoleArns`). @default {} */
  readonly planReaderRoleArns?: Readonly<Record<string, string>>;
  /** Admin roles made by another stack, keyed by role name (`ClusterAccessProps.pipelineAdminRoleArns`). @default {} */
  readonly pipelineAdminRoleArns?: Readonly<Record<string, string>>;
  /**
   * What happens when the version leaves standard support: EXTENDED keeps it (six times the hourly
   * price once standard support has ended), STANDARD lets EKS upgrade the control plane, after which
   * a plan pinned to the old version proposes a downgrade EKS refuses.
   * @default "STANDARD"
   */
  readonly upgradeSupportType?: "STANDARD" | "EXTENDED";
}

/**
 * The region's EKS control plane: private subnets, encrypted secrets, all control-plane logs in a
 * log group encrypted with the customer key, API-only authentication, and the OIDC provider
 * that IRSA roles trust.
 *
 * WHY the log group first: EKS creates `/aws/eks/<name>/cluster` itself, unencrypted and kept
 * forever, if it does not exist when logging starts; the cluster depends on ours.
 * WHY authentication mode API without the creator's bootstrap admin: with the bootstrap, whoever
 * ran `terraform apply` holds an invisible cluster admin that no code shows and that outlives a
 * change of deployer; with API mode every grant is an access entry in this stack, and nothing
 * lives in the `aws-auth` ConfigMap. Both are set from the first apply: the bootstrap flag is
 * fixed at creation and API mode cannot be switched back.
 * Managed node groups get their own entries from EKS.
 * WHY no thumbprint on the OIDC provider: it is optional in provider 5.100, IAM then fetches it
 * itself, and IAM verifies EKS issuers against its own trusted CAs anyway; this keeps the tls
 * provider (unavailable offline) out of the stack.
 */
export class EksCluster extends Construct {
  /** The cluster's name, known at synth time: the `*-k8s` stacks look the cluster up by it. */
  static clusterNameFor(namer: Namer): string {
    return namer.name("eks", "eksCluster");
  }

  readonly cluster: EksClusterResource;
  readonly clusterName: string;
  readonly role: IamRole;
  readonly oidcProvider: IamOpenidConnectProvider;
  readonly oidcProviderArn: string;
  /** The issuer without `https://`, as IAM condition keys spell it. */
  readonly oidcIssuerUrl: string;
  /** The security group EKS creates for the control plane and managed nodes. */
  readonly clusterSecurityGroupId: string;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    const publicAccessCidrs = props.publicAccessCidrs ?? [];
    const access = {
      clusterName: props.clusterName,
      adminRoleArns: props.adminRoleArns ?? [],
      deployRoleArns: props.deployRoleArns ?? {},
      deployNamespaces: props.deployNamespaces ?? [SERVICE_ACCOUNTS.app.namespace],
      deployAccessScope: props.deployAccessScope ?? "namespace",
      planReaderRoleArns: props.planReaderRoleArns,
      pipelineAdminRoleArns: props.pipelineAdminRoleArns,
    } as const;
    const checks = new PropChecks(this)
      .matches("kubernetesVersion", props.kubernetesVersion, KUBERNETES_VERSION)
      .require(
        props.privateSubnetIds.length >= 2,
        "privateSubnetIds",
        `must hold subnets in at least two AZs (EKS requires it), got ${props.privateSubnetIds.length}`,
      )
      .require(
        !publicAccessCidrs.includes("0.0.0.0/0"),
        "publicAccessCidrs",
        "contains 0.0.0.0/0, which opens the API endpoint to the internet; list the operators' CIDRs, or none for a private endpoint",
      )
      .require(
        publicAccessCidrs.length <= MAX_PUBLIC_ACCESS_CIDRS,
        "publicAccessCidrs",
        `has ${publicAccessCidrs.length} entries; EKS accepts ${MAX_PUBLIC_ACCESS_CIDRS}`,
      );
    checkClusterAccess(checks, access);
    checks.throwIfAny();

    const logGroup = new EncryptedLogGroup(this, "LogGroup", {
      logGroupName: `/aws/eks/${props.clusterName}/cluster`,
      kmsKeyArn: props.kmsKeyArn,
      retentionDays: props.logRetentionDays,
    });

    const clusterRole = new ServiceRole(this, "Role", {
      roleName: props.namer.name("eks-cluster", "iamRole"),
      description: "The EKS control plane manages network interfaces and load balancers for the cluster",
      servicePrincipal: "eks.amazonaws.com",
      trustStatementSid: "EksForThisCluster",
      sourceAccount: props.accountId,
      sourceArn: `arn:aws:eks:${props.region}:${props.accountId}:cluster/${props.clusterName}`,
      managedPolicyArns: [CLUSTER_POLICY_ARN],
    });
    this.role = clusterRole.role;
    const keyPolicy = new DataAwsIamPolicyDocument(this, "EncryptionPolicyDocument", {
      statement: [
        {
          sid: "EnvelopeEncryptSecrets",
          actions: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
          resources: [props.kmsKeyArn],
        },
      ],
    });
    const encryptionPolicy = new IamRolePolicy(this, "EncryptionPolicy", {
      name: "encrypt-secrets",
      role: this.role.id,
      policy: keyPolicy.json,
    });

    this.cluster = new EksClusterResource(this, "Resource", {
      name: props.clusterName,
      version: props.kubernetesVersion,
      roleArn: this.role.arn,
      vpcConfig: {
        subnetIds: [...props.privateSubnetIds],
        endpointPrivateAccess: true,
        endpointPublicAccess: publicAccessCidrs.length > 0,
        ...(publicAccessCidrs.length > 0 ? { publicAccessCidrs: [...publicAccessCidrs] } : {}),
      },
      enabledClusterLogTypes: CONTROL_PLANE_LOG_TYPES,
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: props.kmsKeyArn } },
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
      upgradePolicy: { supportType: props.upgradeSupportType ?? "STANDARD" },
      // The role's permissions must outlive the cluster on destroy, or EKS cannot delete its
      // network interfaces.
      dependsOn: [logGroup.logGroup, ...clusterRole.policyAttachments, encryptionPolicy],
    });
    this.clusterName = this.cluster.name;
    this.clusterSecurityGroupId = this.cluster.vpcConfig.clusterSecurityGroupId;

    const issuer = this.cluster.identity.get(0).oidc.get(0).issuer;
    this.oidcProvider = new IamOpenidConnectProvider(this, "OidcProvider", {
      url: issuer,
      clientIdList: ["sts.amazonaws.com"],
    });
    this.oidcProviderArn = this.oidcProvider.arn;
    this.oidcIssuerUrl = Fn.replace(issuer, "https://", "");

    new ClusterAccess(this, "Access", { ...access, clusterName: this.cluster.name });
  }
}
