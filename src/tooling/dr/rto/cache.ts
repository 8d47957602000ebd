/** Redis in the other region: cold and serving at once, or a Global Datastore member to promote. */
import { STACK_NAMES } from "../../../app";
import type { RegionRole, TitanConfig } from "../../../config";
import { AWS_DOCS } from "../aws-facts";
import { oneResource, resourcesOfType } from "../synthesized";
import { configSource, synthSource, type Term } from "../terms";
import { assumedTerm, type BudgetInput } from "./input";

export function cacheFailoverTerm(config: TitanConfig, to: RegionRole): Term {
  return assumedTerm(
    config,
    "cacheFailoverSeconds",
    "cache-failover",
    `FailoverGlobalReplicationGroup makes ${to}'s Redis the primary`,
    "AWS does not publish how long a Global Datastore promotion takes; measure it in a game day",
    [AWS_DOCS.cacheGlobalDatastore],
  );
}

/** Without a Global Datastore, `to`'s own Redis serves at once, empty: nothing to promote. */
export function coldCacheTerm(input: BudgetInput, to: RegionRole): Term {
  const group = oneResource(input.stacks, STACK_NAMES[to], "aws_elasticache_replication_group", `${to}'s Redis`);
  return {
    id: "cold-cache",
    label: `${to}'s own Redis serves at once, empty; the app refills it from Aurora`,
    seconds: 0,
    formula: "0 s: already running, nothing to promote",
    sources: [synthSource(group, "replication_group_id"), configSource("cache.globalDatastore")],
  };
}

/** Whether any Redis in the stacks is a Global Datastore member. */
export function hasGlobalDatastore(input: BudgetInput): boolean {
  return Object.keys(input.stacks).some(
    (stack) => resourcesOfType(input.stacks, stack, "aws_elasticache_global_replication_group").length > 0,
  );
}
