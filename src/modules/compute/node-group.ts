import { EksNodeGroup as EksNodeGroupResource } from "@cdktf/provider-aws/lib/eks-node-group";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Token } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { intRange } from "../../validation/limits";
import { PropChecks } from "../../validation/prop-checks";
import { ServiceRole } from "../security/service-role";
import {
  EC2_INSTANCE_TYPE,
  MIN_NODE_DISK_SIZE_GIB,
  MIN_SPOT_INSTANCE_TYPES,
  NODE_GROUP_MAX_SIZE,
  NODE_GROUP_SIZE,
  type NodeGroupSizes,
  nodeGroupSizesProblem,
  zonalMaxProblem,
  zonalNodeGroupSizes,
} from "./limits";
import { LiveDesiredSize } from "./live-desired-size";

/**
 * The node role's managed policies. The CNI policy stays on the node role rather than an IRSA role
 * for aws-node: nodes join running the self-managed vpc-cni that EKS bootstraps, which can only use
 * the node role, and a node without IP permissions never becomes Ready. aws-node runs on the host
 * network, the only place the node role is reachable from (hop limit 1), so ordinary pods never
 * hold these permissions.
 */
const NODE_POLICY_ARNS = [
  "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
  "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
  // Pull-only: the narrower successor of AmazonEC2ContainerRegistryReadOnly.
  "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
  // Session Manager instead of SSH: no key pairs, no inbound port, sessions audited.
  "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
] as const;

export type CapacityType = "ON_DEMAND" | "SPOT";

/** A Kubernetes taint as the EKS API spells it. */
export interface NodeTaint {
  readonly key: string;
  readonly value?: string;
  readonly effect: "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";
}

/** Keeps pods off spot nodes unless they tolerate interruption (seed 003: non-critical workloads). */
export const SPOT_TAINT: NodeTaint = { key: "capacity", value: "spot", effect: "NO_SCHEDULE" };

export interface EksNodeGroupProps {
  readonly namer: Namer;
  /** Component of the group's names, e.g. `"general"`, `"spot"`. */
  readonly name: string;
  /** Name of the cluster (its token, so the group waits for it). */
  readonly clusterName: string;
  /**
   * The same name as a literal (`EksCluster.clusterNameFor`), for the plan-time lookup of the
   * group's live size (see {@link LiveDesiredSize}).
   */
  readonly clusterPhysicalName: string;
  /** Private subnets, one per AZ the nodes run in. */
  readonly subnetIds: readonly string[];
  /**
   * Run one managed node group per zone: the AZ ID of each of `subnetIds`, in the same order. Each
   * zone's group is named and addressed by its AZ ID, like the subnets (`general-use2-az1`,
   * `<id>/use2-az1/Resource`), so adding or removing a zone moves no other zone's group, and the
   * sizes below are the region's totals, split over the zones ({@link zonalNodeGroupSizes}).
   * @default - one group across every subnet
   */
  readonly zoneIds?: readonly string[];
  readonly instanceTypes: readonly string[];
  readonly capacityType: CapacityType;
  /** Fewest nodes (the region's total with `zoneIds`). */
  readonly minSize: number;
  /** Most nodes (the region's total with `zoneIds`: at least one per zone). */
  readonly maxSize: number;
  /**
   * Size at creation (the region's total with `zoneIds`). Afterwards the live size (the cluster autoscaler's) is kept, raised to
   * `minSize` or lowered to `maxSize` when they move past it, so every update EKS receives is valid.
   */
  readonly desiredSize: number;
  /** Customer key that encrypts the root volumes (its policy must admit Auto Scaling: see key-policy.ts). */
  readonly kmsKeyArn: string;
  /** {@link EksCluster.clusterSecurityGroupId}: always on the nodes, see the class comment. */
  readonly clusterSecurityGroupId: string;
  /** Further security groups, e.g. the app tier's, which the database and cache admit. @default [] */
  readonly securityGroupIds?: readonly string[];
  /** @default 20 */
  readonly diskSizeGiB?: number;
  /** Kubernetes labels. @default {} - EKS still labels `eks.amazonaws.com/capacityType` */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default - {@link SPOT_TAINT} for SPOT, none for ON_DEMAND */
  readonly taints?: readonly NodeTaint[];
  /** @default "AL2023_x86_64_STANDARD" - AL2 AMIs end with Kubernetes 1.32 */
  readonly amiType?: string;
  /** Kubernetes version of the nodes. @default - the cluster's version when the group is created */
  readonly kubernetesVersion?: string;
}

/**
 * A managed node group with its own launch template and IAM role.
 *
 * WHY a launch template: IMDSv2 with a hop limit of 1, so a pod's network namespace (one hop
 * away) cannot reach the instance metadata service and borrow the node role; pods get their AWS
 * identity from IRSA only. Root volumes are gp3, encrypted with the customer key, with no public
 * address, and instances, volumes and interfaces carry the group's name tag.
 * WHY the cluster security group is a prop of its own: once a launch template lists security
 * groups, EKS no longer adds the cluster's, and nodes without it cannot talk to the control plane.
 * WHY desired size follows the live group: the cluster autoscaler changes it, and a plan that
 * reset it would scale the cluster back down on every apply (terraform-aws-eks #1879); ignoring it
 * instead makes the provider send the stale value with a raised minimum, which EKS rejects, so a
 * DR group could not be scaled up by config. {@link LiveDesiredSize} sends the live size, clamped
 * into the configured range. EKS tags the group's Auto Scaling group for the autoscaler's
 * auto-discovery; the same tags are set on the node group so the intent is visible here.
 * WHY one group per zone (`zoneIds`): an Auto Scaling group spanning zones lets the cluster
 * autoscaler ask for "a node", never "a node in use2-az2", so a pod bound to a zonal volume
 * (Prometheus's EBS volume) can stay Pending while the group grows elsewhere. With a group per zone
 * the autoscaler picks the group whose zone fits and `balance-similar-node-groups` keeps the zones
 * even. The zones' groups share the role and the launch template, so their nodes carry the same
 * labels (EKS's source launch template among them) and the autoscaler treats them as similar; it
 * ignores the one label that differs, `eks.amazonaws.com/nodegroup`.
 */
export class EksNodeGroup extends Construct {
  /** The managed node groups: one, or one per zone in the order of `zoneIds`. */
  readonly groups: readonly ManagedNodeGroup[];
  readonly launchTemplate: LaunchTemplate;
  readonly role: IamRole;
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: EksNodeGroupProps) {
    super(scope, id);
    const diskSizeGiB = props.diskSizeGiB ?? MIN_NODE_DISK_SIZE_GIB;
    const taints = props.taints ?? (props.capacityType === "SPOT" ? [SPOT_TAINT] : []);
    const name = props.namer.name(`eks-${props.name}`, "eksNodeGroup");
    validate(this, props, diskSizeGiB);

    const nodeRole = new ServiceRole(this, "Role", {
      roleName: props.namer.name(`eks-${props.name}-node`, "iamRole"),
      description: `Nodes of the ${name} EKS node group`,
      servicePrincipal: "ec2.amazonaws.com",
      managedPolicyArns: NODE_POLICY_ARNS,
    });
    this.role = nodeRole.role;
    this.roleArn = nodeRole.arn;

    const instanceTags = { Name: name };
    this.launchTemplate = new LaunchTemplate(this, "LaunchTemplate", {
      name,
      description: `Nodes of the ${name} EKS node group`,
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        // One hop: the host reaches IMDS, a pod's network namespace (a second hop) does not, so
        // pods cannot borrow the node role and must use their IRSA role. The load balancer
        // controller therefore needs --aws-region and --aws-vpc-id set explicitly.
        httpPutResponseHopLimit: 1,
      },
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          ebs: {
            volumeSize: diskSizeGiB,
            volumeType: "gp3",
            encrypted: "true",
            kmsKeyId: props.kmsKeyArn,
            deleteOnTermination: "true",
          },
        },
      ],
      networkInterfaces: [
        {
          deviceIndex: 0,
          associatePublicIpAddress: "false",
          deleteOnTermination: "true",
          securityGroups: [props.clusterSecurityGroupId, ...(props.securityGroupIds ?? [])],
        },
      ],
      tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
        resourceType,
        tags: instanceTags,
      })),
    });

    const total = { min: props.minSize, desired: props.desiredSize, max: props.maxSize };
    const zoneIds = props.zoneIds;
    const placements =
      zoneIds === undefined
        ? [
            {
              zoneId: undefined as string | undefined,
              scope: this as Construct,
              name,
              subnetIds: props.subnetIds,
              sizes: total,
            },
          ]
        : zonalNodeGroupSizes(total, zoneIds.length).map((sizes, n) => ({
            zoneId: zoneIds[n],
            scope: new Construct(this, zoneIds[n]),
            name: props.namer.name(`eks-${props.name}-${zoneIds[n]}`, "eksNodeGroup"),
            subnetIds: [props.subnetIds[n]],
            sizes,
          }));
    this.groups = placements.map(({ zoneId, scope, name: groupName, subnetIds, sizes }) => {
      const desiredSize = new LiveDesiredSize(scope, "DesiredSize", {
        clusterName: props.clusterPhysicalName,
        nodeGroupName: groupName,
        minSize: sizes.min,
        maxSize: sizes.max,
        initialSize: sizes.desired,
      }).value;
      const nodeGroup = new EksNodeGroupResource(scope, "Resource", {
        clusterName: props.clusterName,
        nodeGroupName: groupName,
        nodeRoleArn: this.role.arn,
        subnetIds: [...subnetIds],
        instanceTypes: [...props.instanceTypes],
        capacityType: props.capacityType,
        amiType: props.amiType ?? "AL2023_x86_64_STANDARD",
        version: props.kubernetesVersion,
        scalingConfig: { minSize: sizes.min, maxSize: sizes.max, desiredSize },
        updateConfig: { maxUnavailable: 1 },
        launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
        ...(props.labels && Object.keys(props.labels).length > 0 ? { labels: { ...props.labels } } : {}),
        taint: taints.map((taint) => ({ ...taint })),
        tags: {
          "k8s.io/cluster-autoscaler/enabled": "true",
          [`k8s.io/cluster-autoscaler/${props.clusterName}`]: "owned",
        },
        // Nodes must be drained and gone before their role loses its policies on destroy.
        dependsOn: [...nodeRole.policyAttachments],
      });
      return { zoneId, name: groupName, nodeGroup, sizes };
    });
  }
}

/** One managed node group of an {@link EksNodeGroup}. */
export interface ManagedNodeGroup {
  /** The zone it runs in, when the nodes are grouped per zone. */
  readonly zoneId?: string;
  /** Its physical name (`nodegroupName` in EKS's API). */
  readonly name: string;
  readonly nodeGroup: EksNodeGroupResource;
  /** Its configured sizes (its `desired_size` follows the live group, see {@link LiveDesiredSize}). */
  readonly sizes: NodeGroupSizes;
}

function validate(scope: Construct, props: EksNodeGroupProps, diskSizeGiB: number): void {
  const { minSize, maxSize, desiredSize } = props;
  const checks = new PropChecks(scope)
    .wholeNumber("minSize", minSize, NODE_GROUP_SIZE)
    .wholeNumber("desiredSize", desiredSize, NODE_GROUP_SIZE)
    .wholeNumber("maxSize", maxSize, NODE_GROUP_MAX_SIZE)
    .satisfies("desiredSize", { min: minSize, desired: desiredSize, max: maxSize }, nodeGroupSizesProblem)
    .notEmpty("instanceTypes", props.instanceTypes, "at least one EC2 instance type")
    .require(
      props.capacityType !== "SPOT" || props.instanceTypes.length >= MIN_SPOT_INSTANCE_TYPES,
      "instanceTypes",
      () =>
        `must hold at least ${MIN_SPOT_INSTANCE_TYPES} instance types in a SPOT group, to find capacity, got ${props.instanceTypes.join(", ")}`,
    )
    .notEmpty("subnetIds", props.subnetIds, "the private subnets of the AZs to spread over")
    .require(
      props.zoneIds === undefined || props.zoneIds.length === props.subnetIds.length,
      "zoneIds",
      () => `must name the zone of each of the ${props.subnetIds.length} subnets, got ${props.zoneIds?.length}`,
    )
    .require(
      props.zoneIds === undefined || new Set(props.zoneIds).size === props.zoneIds.length,
      "zoneIds",
      () => `must list each zone once (one group per zone), got ${props.zoneIds?.join(", ")}`,
    )
    .satisfies("maxSize", maxSize, (max) =>
      props.zoneIds === undefined ? undefined : zonalMaxProblem(max, props.zoneIds.length),
    )
    .wholeNumber("diskSizeGiB", diskSizeGiB, intRange(MIN_NODE_DISK_SIZE_GIB, 16384, "the AMI's snapshot size is 20"));
  for (const [index, type] of props.instanceTypes.entries()) {
    checks.matches(`instanceTypes[${index}]`, type, EC2_INSTANCE_TYPE);
  }
  checks.throwIfAny();
}
