import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { Construct } from "constructs";
import { PropChecks } from "../../validation/prop-checks";
import type { EksNodeGroup } from "./node-group";

/** The EKS managed add-ons titan installs. */
export type EksAddonName =
  | "vpc-cni"
  | "kube-proxy"
  | "eks-pod-identity-agent"
  | "coredns"
  | "aws-ebs-csi-driver"
  | "metrics-server";

export interface EksAddonsProps {
  /** Name of the cluster (its token, so the add-ons wait for it). */
  readonly clusterName: string;
  /** Node groups that must exist before the add-ons that run Deployments (coredns, EBS CSI controller). */
  readonly nodeGroups: readonly EksNodeGroup[];
  /** IRSA role of the EBS CSI controller ({@link WorkloadRoles.ebsCsiDriver}). */
  readonly ebsCsiRoleArn: string;
  /**
   * Versions pinned per add-on, e.g. `{ coredns: "v1.11.4-eksbuild.2" }`.
   * @default - each add-on's default version for the cluster's Kubernetes version at creation
   */
  readonly addonVersions?: Readonly<Partial<Record<EksAddonName, string>>>;
  /**
   * Switch on the VPC CNI's network policy agent, so NetworkPolicies are enforced (without it the
   * API accepts them and nothing happens).
   * @default true
   */
  readonly networkPolicy?: boolean;
}

/**
 * The cluster's managed add-ons: networking (vpc-cni, kube-proxy), DNS (coredns), EBS volumes
 * (aws-ebs-csi-driver, with its IRSA role), the Pod Identity agent and metrics-server (the
 * community add-on the app's HorizontalPodAutoscaler reads CPU from).
 *
 * WHY a construct apart from the cluster: coredns and the EBS CSI controller are Deployments.
 * Created before any node exists, their pods stay Pending, the add-on stays DEGRADED and
 * Terraform times out, so they depend on the node groups, which in turn need the cluster. The
 * DaemonSet add-ons do not wait: nodes join with the self-managed copies EKS bootstraps, and the
 * managed add-ons take them over (OVERWRITE resolves the field conflicts on create and update,
 * so Terraform, not a hand edit, owns their configuration).
 * WHY versions are not looked up: `aws_eks_addon_version` calls the EKS API at plan time, which
 * breaks the offline plan and makes `most_recent` drift from one plan to the next. Unpinned,
 * EKS installs its default for the cluster version; after a control-plane upgrade, pin the new
 * versions here (`aws eks describe-addon-versions`), since Terraform does not move them alone.
 * WHY network policy is on: titan's NetworkPolicies (the database bootstrap's default deny) mean
 * something only with an engine. The VPC CNI's own agent (a container in aws-node, eBPF on each
 * pod's interface; the controller runs in EKS's control plane) is AWS-supported, costs nothing
 * and leaves every pod no policy selects untouched, unlike a second CNI such as Calico.
 */
export class EksAddons extends Construct {
  readonly addons: Readonly<Record<EksAddonName, EksAddon>>;

  constructor(scope: Construct, id: string, props: EksAddonsProps) {
    super(scope, id);
    new PropChecks(this)
      .notEmpty(
        "nodeGroups",
        props.nodeGroups,
        "at least one node group (coredns and the EBS CSI controller need nodes to become ACTIVE)",
      )
      .throwIfAny();
    const versions = props.addonVersions ?? {};
    const nodeGroups = props.nodeGroups.flatMap((group) => group.groups.map((managed) => managed.nodeGroup));
    const addon = (
      id: string,
      name: EksAddonName,
      extra: { serviceAccountRoleArn?: string; afterNodes?: boolean; configurationValues?: string } = {},
    ) =>
      new EksAddon(this, id, {
        clusterName: props.clusterName,
        addonName: name,
        addonVersion: versions[name],
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
        serviceAccountRoleArn: extra.serviceAccountRoleArn,
        configurationValues: extra.configurationValues,
        dependsOn: extra.afterNodes ? nodeGroups : undefined,
      });

    this.addons = {
      "vpc-cni": addon("VpcCni", "vpc-cni", {
        // The add-on's schema takes the switch as the string "true" (`aws eks
        // describe-addon-configuration --addon-name vpc-cni`).
        configurationValues:
          (props.networkPolicy ?? true) ? JSON.stringify({ enableNetworkPolicy: "true" }) : undefined,
      }),
      "kube-proxy": addon("KubeProxy", "kube-proxy"),
      "eks-pod-identity-agent": addon("PodIdentityAgent", "eks-pod-identity-agent"),
      coredns: addon("CoreDns", "coredns", { afterNodes: true }),
      "aws-ebs-csi-driver": addon("EbsCsiDriver", "aws-ebs-csi-driver", {
        serviceAccountRoleArn: props.ebsCsiRoleArn,
        afterNodes: true,
      }),
      // The resource metrics the app's HPA scales on. An EKS community add-on rather than a helm
      // release: AWS picks the version for the cluster's Kubernetes version, and it plans offline.
      "metrics-server": addon("MetricsServer", "metrics-server", { afterNodes: true }),
    };
  }
}
