import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { type MasterSecretLocation, masterSecretReadStatements } from "../database/db-credentials";
import { XRAY_CLIENT_ACTIONS } from "../observability/xray-actions";
import { IrsaRole } from "./irsa-role";
import { loadBalancerControllerStatements } from "./lb-controller-policy";
import { SERVICE_ACCOUNTS } from "./service-accounts";

const EBS_CSI_DRIVER_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy";

export interface WorkloadRolesProps {
  readonly namer: Namer;
  /** Region of the cluster: ARNs in the policies name it. */
  readonly region: string;
  readonly accountId: string;
  /** Name of the cluster: the autoscaler may only scale groups tagged as owned by it. */
  readonly clusterName: string;
  readonly oidcProviderArn: string;
  /** The cluster's OIDC issuer without `https://`. */
  readonly oidcIssuerUrl: string;
  /**
   * The Aurora master secret where the database bootstrap runs (the writer's region): a role for
   * the bootstrap Job to read it, and nothing else.
   * @default - no bootstrap role
   */
  readonly masterSecret?: MasterSecretLocation;
}

const ROLE_NAMES = {
  adotCollector: "adot-collector",
  clusterAutoscaler: "cluster-autoscaler",
  loadBalancerController: "lb-controller",
  app: "app",
  dbBootstrap: "db-bootstrap",
} as const;

/** A workload whose service account the `*-k8s` stacks annotate with its role. */
export type IrsaWorkload = keyof typeof ROLE_NAMES;

/**
 * The IAM roles of the cluster's AWS-facing workloads, each assumed through IRSA by one fixed
 * service account ({@link SERVICE_ACCOUNTS}). What a role may do with the region's own resources
 * comes from those resources' grants, given where both meet (the regional stack's compute part):
 * the app connects to Aurora and Redis, the EBS CSI driver encrypts volumes with the region's key.
 *
 * WHY one role per workload: the nodes' role is out of the pods' reach (IMDS hop limit 1), so
 * each pod gets exactly what it calls, and a compromised app pod cannot scale node groups or
 * rewire load balancers. No statement grants every action on every resource; actions stay on `*`
 * only where IAM authorizes them on `*` alone (describe calls, X-Ray), and the autoscaler's
 * scaling calls are limited by tag to this cluster's node groups.
 */
export class WorkloadRoles extends Construct {
  /** The app role's name: the `*-k8s` stacks annotate the app's service account with it. */
  static appRoleName(namer: Namer): string {
    return IrsaRole.roleName(namer, ROLE_NAMES.app);
  }

  /** A workload role's name, known at synth: the `*-k8s` stacks put its ARN on the service account. */
  static roleNameOf(namer: Namer, workload: IrsaWorkload): string {
    return IrsaRole.roleName(namer, ROLE_NAMES[workload]);
  }

  readonly adotCollector: IrsaRole;
  readonly clusterAutoscaler: IrsaRole;
  readonly loadBalancerController: IrsaRole;
  readonly ebsCsiDriver: IrsaRole;
  readonly app: IrsaRole;
  readonly dbBootstrap?: IrsaRole;

  constructor(scope: Construct, id: string, props: WorkloadRolesProps) {
    super(scope, id);
    const irsa = {
      namer: props.namer,
      oidcProviderArn: props.oidcProviderArn,
      oidcIssuerUrl: props.oidcIssuerUrl,
    };

    this.adotCollector = new IrsaRole(this, "AdotCollector", {
      ...irsa,
      name: ROLE_NAMES.adotCollector,
      namespace: SERVICE_ACCOUNTS.adotCollector.namespace,
      serviceAccount: SERVICE_ACCOUNTS.adotCollector.name,
      policyStatements: [{ sid: "SendTracesAndSample", actions: XRAY_CLIENT_ACTIONS, resources: ["*"] }],
    });

    this.clusterAutoscaler = new IrsaRole(this, "ClusterAutoscaler", {
      ...irsa,
      name: ROLE_NAMES.clusterAutoscaler,
      namespace: SERVICE_ACCOUNTS.clusterAutoscaler.namespace,
      serviceAccount: SERVICE_ACCOUNTS.clusterAutoscaler.name,
      policyStatements: clusterAutoscalerStatements(props),
    });

    this.loadBalancerController = new IrsaRole(this, "LoadBalancerController", {
      ...irsa,
      name: ROLE_NAMES.loadBalancerController,
      namespace: SERVICE_ACCOUNTS.loadBalancerController.namespace,
      serviceAccount: SERVICE_ACCOUNTS.loadBalancerController.name,
      policyStatements: loadBalancerControllerStatements(props.region, props.accountId),
    });

    this.ebsCsiDriver = new IrsaRole(this, "EbsCsiDriver", {
      ...irsa,
      name: "ebs-csi-driver",
      namespace: SERVICE_ACCOUNTS.ebsCsiController.namespace,
      serviceAccount: SERVICE_ACCOUNTS.ebsCsiController.name,
      managedPolicyArns: [EBS_CSI_DRIVER_POLICY_ARN],
    });

    this.app = new IrsaRole(this, "App", {
      ...irsa,
      name: ROLE_NAMES.app,
      namespace: SERVICE_ACCOUNTS.app.namespace,
      serviceAccount: SERVICE_ACCOUNTS.app.name,
      // The app holds no database password: Aurora and Redis grant it IAM authentication.
      policyStatements: [{ sid: "SendTracesAndSample", actions: XRAY_CLIENT_ACTIONS, resources: ["*"] }],
    });

    if (props.masterSecret !== undefined) {
      this.dbBootstrap = new IrsaRole(this, "DbBootstrap", {
        ...irsa,
        name: ROLE_NAMES.dbBootstrap,
        namespace: SERVICE_ACCOUNTS.dbBootstrap.namespace,
        serviceAccount: SERVICE_ACCOUNTS.dbBootstrap.name,
        policyStatements: masterSecretReadStatements(props.masterSecret),
      });
    }
  }
}

function clusterAutoscalerStatements(props: WorkloadRolesProps): DataAwsIamPolicyDocumentStatement[] {
  return [
    {
      // Describe calls: IAM authorizes these on "*" only.
      sid: "DiscoverNodeGroups",
      actions: [
        "autoscaling:DescribeAutoScalingGroups",
        "autoscaling:DescribeAutoScalingInstances",
        "autoscaling:DescribeLaunchConfigurations",
        "autoscaling:DescribeScalingActivities",
        "autoscaling:DescribeTags",
        "ec2:DescribeImages",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeLaunchTemplateVersions",
        "ec2:GetInstanceTypesFromInstanceRequirements",
      ],
      resources: ["*"],
    },
    {
      // Labels and taints of managed node groups, for scaling a group up from zero.
      sid: "ReadThisClustersNodeGroups",
      actions: ["eks:DescribeNodegroup"],
      resources: [`arn:aws:eks:${props.region}:${props.accountId}:nodegroup/${props.clusterName}/*/*`],
    },
    {
      // EKS tags the Auto Scaling group of every managed node group with this key.
      sid: "ScaleOnlyThisClustersNodeGroups",
      actions: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
      resources: [`arn:aws:autoscaling:${props.region}:${props.accountId}:autoScalingGroup:*:autoScalingGroupName/*`],
      condition: [
        {
          test: "StringEquals",
          variable: `aws:ResourceTag/k8s.io/cluster-autoscaler/${props.clusterName}`,
          values: ["owned"],
        },
      ],
    },
  ];
}
