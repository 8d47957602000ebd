/**
 * The target region's app tier raised to the size its synthesized stack gives it (the active size,
 * once `dr.activeRole` names it), sent exactly as Terraform will send it, so the next apply finds
 * nothing to change: the node group gets the stack's min and max and keeps its live size clamped
 * into them (LiveDesiredSize); the EC2 web tier gets the stack's three sizes.
 */
import type { RegionRole } from "../../../config";
import { describeGroup, describeNodeGroup, resizeGroup, resizeNodeGroup, type Sizes } from "../aws/capacity";
import type { Decision, Step, StepContext } from "../step";

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

export function raiseCapacity(role: RegionRole, ctx: Pick<StepContext, "targets">): Step {
  const region = ctx.targets.regions[role];
  const capacity = region.capacity;
  const summary =
    capacity.kind === "node-group"
      ? `UpdateNodegroupConfig ${capacity.clusterName}/${capacity.nodeGroupName} (${region.region}): min ${capacity.minSize}, max ${capacity.maxSize}, desired = its live size within them`
      : `UpdateAutoScalingGroup ${capacity.name} (${region.region}): ${sizes({ min: capacity.minSize, max: capacity.maxSize, desired: capacity.desiredCapacity })}`;
  return {
    id: `raise-${role}-capacity`,
    summary,
    mutating: true,
    timeoutSeconds: 15 * 60,
    budgetTerm: "nodes",
    async decide(context): Promise<Decision> {
      if (capacity.kind === "node-group") {
        const eks = context.clients.eks(region.region);
        const live = await describeNodeGroup(eks, capacity.clusterName, capacity.nodeGroupName);
        const target = {
          min: capacity.minSize,
          max: capacity.maxSize,
          desired: clampDesired(live.desired, capacity.minSize, capacity.maxSize),
        };
        if (same(live, target)) {
          return { kind: "skip", detail: `already ${sizes(live)}` };
        }
        if (live.status !== "ACTIVE") {
          return {
            kind: "wait",
            detail: `${capacity.nodeGroupName} is ${live.status}; EKS takes one update at a time`,
            intervalSeconds: 15,
            poll: async () => {
              const now = await describeNodeGroup(eks, capacity.clusterName, capacity.nodeGroupName);
              return { done: now.status === "ACTIVE", detail: `status ${now.status}` };
            },
          };
        }
        return {
          kind: "act",
          detail: `UpdateNodegroupConfig ${capacity.clusterName}/${capacity.nodeGroupName}: ${sizes(live)} -> ${sizes(target)}`,
          act: async () => {
            await resizeNodeGroup(eks, capacity.clusterName, capacity.nodeGroupName, target);
            return [];
          },
        };
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

/** Until the raised capacity is in service: at least the target minimum of healthy instances. */
export function waitForCapacity(role: RegionRole, ctx: Pick<StepContext, "targets">): Step {
  const region = ctx.targets.regions[role];
  const capacity = region.capacity;
  const floor = capacity.kind === "node-group" ? capacity.minSize : capacity.desiredCapacity;
  const name = capacity.kind === "node-group" ? capacity.nodeGroupName : capacity.name;
  return {
    id: `wait-${role}-capacity`,
    summary: `DescribeAutoScalingGroups behind ${name} (${region.region}) until ${floor} instances are in service and healthy`,
    mutating: false,
    timeoutSeconds: 20 * 60,
    budgetTerm: "nodes",
    async decide(context): Promise<Decision> {
      const inService = async () => {
        let group = capacity.kind === "auto-scaling-group" ? capacity.name : undefined;
        if (capacity.kind === "node-group") {
          const live = await describeNodeGroup(context.clients.eks(region.region), capacity.clusterName, name);
          group = live.autoScalingGroups[0];
        }
        const count = group ? (await describeGroup(context.clients.autoScaling(region.region), group)).inService : 0;
        return { done: count >= floor, detail: `${count} of ${floor} in service` };
      };
      const now = await inService();
      return now.done
        ? { kind: "ok", detail: now.detail }
        : { kind: "wait", detail: `${name}: ${now.detail}`, intervalSeconds: 15, poll: inService };
    },
  };
}
