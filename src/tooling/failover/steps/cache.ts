/** With a Global Datastore, the target region's Redis becomes its primary. */
import type { RegionRole } from "../../../config";
import { describeDatastore, promoteDatastoreMember } from "../aws/cache";
import type { Decision, Step, StepContext } from "../step";

export function promoteCache(role: RegionRole, suffix: string, ctx: Pick<StepContext, "targets">): Step {
  const region = ctx.targets.regions[role];
  return {
    id: `promote-${role}-cache`,
    summary: `FailoverGlobalReplicationGroup <Global Datastore ending -${suffix}> --primary-region ${region.region} --primary-replication-group-id ${region.replicationGroupId}`,
    mutating: true,
    timeoutSeconds: 20 * 60,
    budgetTerm: "cache-failover",
    async decide(context): Promise<Decision> {
      const client = context.clients.elastiCache(region.region);
      const state = await describeDatastore(client, suffix);
      if (state.primaryReplicationGroupId === region.replicationGroupId) {
        return { kind: "skip", detail: `${region.replicationGroupId} is already the primary of ${state.id}` };
      }
      return {
        kind: "act",
        detail: `FailoverGlobalReplicationGroup ${state.id} --primary-region ${region.region} --primary-replication-group-id ${region.replicationGroupId}`,
        act: async () => {
          await promoteDatastoreMember(client, state.id, region.region, region.replicationGroupId);
          return [
            {
              kind: "wait",
              detail: `${region.replicationGroupId} becoming the primary of ${state.id}`,
              intervalSeconds: 15,
              poll: async () => {
                const now = await describeDatastore(client, suffix);
                const done = now.primaryReplicationGroupId === region.replicationGroupId && now.status === "available";
                return { done, detail: `primary ${now.primaryReplicationGroupId ?? "none"}, ${now.status}` };
              },
            },
          ];
        },
      };
    },
  };
}
