import type { Construct } from "constructs";
import { HandoffParameters } from "../../modules/handoff/handoff-parameters";
import { handoffParameterName } from "../handoff";
import { awsProvider, type TitanStack } from "../stack-base";
import type { RegionContext } from "./context";
import type { DataTier } from "./data-tier";

/**
 * Primary writes what DR needs into DR's region: with a Global Datastore, its id. See
 * HandoffParameters for why not remote state. Without one DR needs nothing from primary, and no
 * DR-region provider is configured in primary at all.
 */
export function handOffToDr(stack: TitanStack, ctx: RegionContext, dataTier: DataTier): Construct | undefined {
  const { config } = ctx;
  const parameters: Record<string, string> = {};
  if (dataTier.redis.globalReplicationGroupId) {
    parameters[handoffParameterName(config, "cache-global-replication-group-id")] =
      dataTier.redis.globalReplicationGroupId;
  }
  if (Object.keys(parameters).length === 0) {
    return undefined;
  }
  const drProvider = awsProvider(stack, config, { region: config.regions.dr.region, scope: ctx.role, alias: "dr" });
  return new HandoffParameters(stack, "HandoffToDr", {
    provider: drProvider,
    parameters,
    description: "Written by titan's primary stack for the dr stack: a value AWS generated in the primary region",
  });
}
