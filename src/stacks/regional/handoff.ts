import type { Construct } from "constructs";
import { HandoffParameters } from "../../modules/handoff/handoff-parameters";
import { handoffParameterName } from "../handoff";
import { awsProvider, type TitanStack } from "../stack-base";
import type { RegionContext } from "./context";
import type { DataTier } from "./data-tier";

/**
 * Primary writes what DR needs into DR's region: the Aurora global writer endpoint and, with a
 * Global Datastore, its id. See HandoffParameters for why not remote state.
 */
export function handOffToDr(stack: TitanStack, ctx: RegionContext, dataTier: DataTier): Construct {
  const { config } = ctx;
  const drProvider = awsProvider(stack, config, { region: config.regions.dr.region, scope: ctx.role, alias: "dr" });
  const parameters: Record<string, string> = {};
  if (dataTier.globalCluster) {
    parameters[handoffParameterName(config, "aurora-global-writer-endpoint")] = dataTier.globalCluster.endpoint;
  }
  if (dataTier.redis.globalReplicationGroupId) {
    parameters[handoffParameterName(config, "cache-global-replication-group-id")] =
      dataTier.redis.globalReplicationGroupId;
  }
  return new HandoffParameters(stack, "HandoffToDr", {
    provider: drProvider,
    parameters,
    description: "Written by titan's primary stack for the dr stack: a value AWS generated in the primary region",
  });
}
