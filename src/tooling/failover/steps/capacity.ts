/**
 * The target region's app tier raised to the size its synthesized stack gives it (the active size,
 * once `dr.activeRole` names it), sent exactly as Terraform will send it, so the next apply finds
 * nothing to change: each zone's node group gets the stack's min and max and keeps its live size
 * clamped into them (LiveDesiredSize); the EC2 web tier gets the stack's three sizes.
 */
import type { RegionRole } from "../../../config";
import {
  describeGroup,
  describeNodeGroup,
  type NodeGroupState,
  resizeGroup,
  resizeNodeGroup,
  type Sizes,
} from "../aws/capacity";
import type { Decision, Step, StepContext } from "../step";
import type { CapacityTarget, NodeGroupTarget } from "../targets";

function same(a: Sizes, b: Sizes): boolean {
  return a.min === b.min && a.max === b.max && a.desired === b.desired;
}

function sizes({ min, max, desired }: Sizes): string {
  return `min ${min}, max ${max}, desired ${desired}`;
}

/** The node group's live desired size clamped into the target range, as the stack's expression does. */
export function clampDesired(live: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, live));
}

type NodeGroups = Extract<CapacityTarget, { kind: "node-groups" }>;

/** A group's live state beside the sizes the stack sends it. */
interface GroupPlan {
  readonly group: NodeGroupTarget;
  readonly live: NodeGroupState;
  readonly target: Sizes;
}

async function planGroups(context: StepContext, region: string, capacity: NodeGroups): Promise<GroupPlan[]> {
  const eks = context.clients.eks(region);
  const plans: GroupPlan[] = [];
  // One at a time, in the stack's order, so the calls (and a dry run's lines) read in zone order.
  for (const group of capacity.groups) {
    const live = await describeNodeGroup(eks, capacity.clusterName, group.nodeGroupName);
    const target = {
      min: group.minSize,
      max: group.maxSize,
      desired: clampDesired(live.desired, group.minSize, group.maxSize),
    };
    plans.push({ group, live, target });
  }
  return plans;
}

async function raiseNodeGroups(context: StepContext, region: string, capacity: NodeGroups): Promise<Decision> {
  const eks = context.clients.eks(region);
  const changing = (await planGroups(context, region, capacity)).filter((plan) => !same(plan.live, plan.target));
  if (changing.length === 0) {
    return { kind: "skip", detail: `already at the stack's sizes (${capacity.groups.length} groups)` };
  }
  const busy = changing.filter((plan) => plan.live.status !== "ACTIVE");
  if (busy.length > 0) {
    const names = busy.map((plan) => plan.group.nodeGroupName);
    return {
      kind: "wait",
      detail: `${busy.map((plan) => `${plan.group.nodeGroupName} is ${plan.live.status}`).join(", ")}; EKS takes one update at a time`,
      intervalSeconds: 15,
      poll: async () => {
        const now = await Promise.all(names.map((name) => describeNodeGroup(eks, capacity.clusterName, name)));
        return {
          done: now.every((group) => group.status === "ACTIVE"),
          detail: now.map((group, n) => `${names[n]} ${group.status}`).join(", "),
        };
      },
    };
  }
  return {
    kind: "act",
    detail: changing
      .map(
        (plan) =>
          `UpdateNodegroupConfig ${capacity.clusterName}/${plan.group.nodeGroupName}: ${sizes(plan.live)} -> ${sizes(plan.target)}`,
      )
      .join("; "),
    act: async () => {
      for (const plan of changing) {
        await resizeNodeGroup(eks, capacity.clusterName, plan.group.nodeGroupName, plan.target);
      }
      return [];
    },
  };
}

export function raiseCapacity(role: RegionRole, ctx: Pick<StepContext, "targets">): Step {
  const region = ctx.targets.regions[role];
  const capacity = region.capacity;
  const summary =
    capacity.kind === "node-groups"
      ? `UpdateNodegroupConfig ${capacity.clusterName}/${capacity.groups.map((group) => `${group.nodeGroupName} (min ${group.minSize}, max ${group.maxSize})`).join(", ")} (${region.region}): desired = each group's live size within them`
      : `UpdateAutoScalingGroup ${capacity.name} (${region.region}): ${sizes({ min: capacity.minSize, max: capacity.maxSize, desired: capacity.desiredCapacity })}`;
  return {
    id: `raise-${role}-capacity`,
    summary,
    mutating: true,
    timeoutSeconds: 15 * 60,
    budgetTerm: "nodes",
    async decide(context): Promise<Decision> {
      if (capacity.kind === "node-groups") {
        return raiseNodeGroups(context, region.region, capacity);
      }
      const autoScaling = context.clients.autoScaling(region.region);
      const live = await describeGroup(autoScaling, capacity.name);
      const target = { min: capacity.minSize, max: capacity.maxSize, desired: capacity.desiredCapacity };
      if (same(live, target)) {
        return { kind: "skip", detail: `already ${sizes(live)}` };
      }
      return {
        kind: "act",
        detail: `UpdateAutoScalingGroup ${capacity.name}: ${sizes(live)} -> ${sizes(target)}`,
        act: async () => {
          await resizeGroup(autoScaling, capacity.name, target);
          return [];
        },
      };
    },
  };
}

/**
 * Until the raised capacity is in service: in every zone's node group at least its target minimum
 * of healthy instances (or the web tier's desired capacity).
 */
export function waitForCapacity(role: RegionRole, ctx: Pick<StepContext, "targets">): Step {
  const region = ctx.targets.regions[role];
  const capacity = region.capacity;
  const floors =
    capacity.kind === "node-groups"
      ? capacity.groups.map((group) => ({ name: group.nodeGroupName, floor: group.minSize }))
      : [{ name: capacity.name, floor: capacity.desiredCapacity }];
  const names = floors.map((group) => group.name).join(", ");
  return {
    id: `wait-${role}-capacity`,
    summary: `DescribeAutoScalingGroups behind ${names} (${region.region}) until each has its floor of instances in service and healthy (${floors.map((group) => group.floor).join(", ")})`,
    mutating: false,
    timeoutSeconds: 20 * 60,
    budgetTerm: "nodes",
    async decide(context): Promise<Decision> {
      const autoScaling = context.clients.autoScaling(region.region);
      const inService = async () => {
        const counts: { name: string; count: number; floor: number }[] = [];
        for (const { name, floor } of floors) {
          let group: string | undefined = name;
          if (capacity.kind === "node-groups") {
            const live = await describeNodeGroup(context.clients.eks(region.region), capacity.clusterName, name);
            group = live.autoScalingGroups[0];
          }
          counts.push({ name, floor, count: group ? (await describeGroup(autoScaling, group)).inService : 0 });
        }
        return {
          done: counts.every(({ count, floor }) => count >= floor),
          detail: counts.map(({ name, count, floor }) => `${name}: ${count} of ${floor} in service`).join(", "),
        };
      };
      const now = await inService();
      return now.done
        ? { kind: "ok", detail: now.detail }
        : { kind: "wait", detail: now.detail, intervalSeconds: 15, poll: inService };
    },
  };
}
