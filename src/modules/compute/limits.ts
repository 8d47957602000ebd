/**
 * What EKS accepts, written once for config validation and the compute constructs; free of
 * provider imports so the config can load it cheaply.
 */
import { intRange, textPattern } from "../../validation/limits";

export const KUBERNETES_VERSION = textPattern(/^1\.\d{2}$/, "a Kubernetes minor version such as 1.35");

/**
 * The kubectl release a deploy installs for a cluster of `kubernetesVersion`: the same minor,
 * first patch, well within kubectl's one-minor skew policy, so it moves when the cluster does.
 */
export function kubectlVersionFor(kubernetesVersion: string): string {
  return `v${kubernetesVersion}.0`;
}

/** EKS quota: CIDR blocks allowed on the public API endpoint. */
export const MAX_PUBLIC_ACCESS_CIDRS = 40;

/** Sizes of a managed node group titan accepts (EKS allows more; a region of this app needs far fewer). */
export const NODE_GROUP_SIZE = intRange(0, 100);

/** A node group's maximum: EKS refuses 0. */
export const NODE_GROUP_MAX_SIZE = intRange(1, 100, "EKS refuses a maximum of 0");

/** A spot group needs alternatives to find capacity when one type is short. */
export const MIN_SPOT_INSTANCE_TYPES = 2;

export const EC2_INSTANCE_TYPE = textPattern(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "an EC2 instance type such as t3.medium");

/** Root volume size of the EKS AL2023 AMI's snapshot: a smaller volume fails to launch. */
export const MIN_NODE_DISK_SIZE_GIB = 20;

/** Why `minSize <= desiredSize <= maxSize` does not hold, or undefined when it does. */
export function nodeGroupSizesProblem(sizes: { min: number; desired: number; max: number }): string | undefined {
  const { min, desired, max } = sizes;
  if (min > max) {
    return `min ${min} is above max ${max}`;
  }
  return desired < min || desired > max ? `desired ${desired} must lie between min ${min} and max ${max}` : undefined;
}

/** A node group's sizes: fewest, at creation, most. */
export interface NodeGroupSizes {
  readonly min: number;
  readonly desired: number;
  readonly max: number;
}

/**
 * A region's node counts split over its zones' node groups, in zone order: each zone the same
 * share, the remainder one more each to the first zones. The groups add up to the region's counts,
 * and each keeps min <= desired <= max (a larger total never gives a zone less). A zone gets min 0
 * when the region's min is below its zone count: it starts without a node, and the cluster
 * autoscaler adds one there when a pod needs that zone (a volume's zone, a spread constraint).
 */
export function zonalNodeGroupSizes(total: NodeGroupSizes, zoneCount: number): NodeGroupSizes[] {
  const share = (count: number, zone: number) => Math.floor(count / zoneCount) + (zone < count % zoneCount ? 1 : 0);
  return Array.from({ length: zoneCount }, (_, zone) => ({
    min: share(total.min, zone),
    desired: share(total.desired, zone),
    max: share(total.max, zone),
  }));
}

/** Why a region's node maximum cannot be split over `zoneCount` zonal groups, or undefined when it can. */
export function zonalMaxProblem(max: number, zoneCount: number): string | undefined {
  return max < zoneCount
    ? `must be at least ${zoneCount}, one per zone (each zone has its own node group, and EKS refuses a maximum of 0), got ${max}`
    : undefined;
}
