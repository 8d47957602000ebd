/** The app tier's size: an EKS managed node group, or the EC2 web tier's Auto Scaling group. */
import {
  type AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  UpdateAutoScalingGroupCommand,
} from "@aws-sdk/client-auto-scaling";
import { DescribeNodegroupCommand, type EKSClient, UpdateNodegroupConfigCommand } from "@aws-sdk/client-eks";

export interface Sizes {
  readonly min: number;
  readonly max: number;
  readonly desired: number;
}

export interface NodeGroupState extends Sizes {
  readonly status: string;
  readonly autoScalingGroups: readonly string[];
}

export async function describeNodeGroup(
  client: EKSClient,
  clusterName: string,
  nodegroupName: string,
): Promise<NodeGroupState> {
  const { nodegroup } = await client.send(new DescribeNodegroupCommand({ clusterName, nodegroupName }));
  const scaling = nodegroup?.scalingConfig;
  if (!nodegroup || scaling === undefined) {
    throw new Error(`node group ${clusterName}/${nodegroupName} not found`);
  }
  return {
    status: nodegroup.status ?? "unknown",
    min: scaling.minSize ?? 0,
    max: scaling.maxSize ?? 0,
    desired: scaling.desiredSize ?? 0,
    autoScalingGroups: (nodegroup.resources?.autoScalingGroups ?? []).map((group) => String(group.name)),
  };
}

export async function resizeNodeGroup(
  client: EKSClient,
  clusterName: string,
  nodegroupName: string,
  sizes: Sizes,
): Promise<void> {
  await client.send(
    new UpdateNodegroupConfigCommand({
      clusterName,
      nodegroupName,
      scalingConfig: { minSize: sizes.min, maxSize: sizes.max, desiredSize: sizes.desired },
    }),
  );
}

export interface GroupState extends Sizes {
  /** Instances in service and healthy. */
  readonly inService: number;
}

export async function describeGroup(client: AutoScalingClient, name: string): Promise<GroupState> {
  const { AutoScalingGroups = [] } = await client.send(
    new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
  );
  const group = AutoScalingGroups[0];
  if (!group) {
    throw new Error(`Auto Scaling group ${name} not found`);
  }
  return {
    min: group.MinSize ?? 0,
    max: group.MaxSize ?? 0,
    desired: group.DesiredCapacity ?? 0,
    inService: (group.Instances ?? []).filter((i) => i.LifecycleState === "InService" && i.HealthStatus === "Healthy")
      .length,
  };
}

export async function resizeGroup(client: AutoScalingClient, name: string, sizes: Sizes): Promise<void> {
  await client.send(
    new UpdateAutoScalingGroupCommand({
      AutoScalingGroupName: name,
      MinSize: sizes.min,
      MaxSize: sizes.max,
      DesiredCapacity: sizes.desired,
    }),
  );
}
