import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { TitanConfig } from "../../config";
import { HandoffParameters } from "../../modules/handoff/handoff-parameters";
import { awsProvider } from "../stack-base";
import type { RegionContext, RegionParts } from "./context";

/**
 * The values primary hands to DR: values AWS generates, so DR cannot derive them from config.
 * (DR's database needs none: its app uses DR's own cluster endpoints, see databaseTargets.)
 */
export type HandoffKey = "cache-global-replication-group-id";

/**
 * The SSM parameter (in the DR region) holding a value primary hands to DR. Both sides take the
 * name from here, so a rename cannot break one side silently.
 */
export function handoffParameterName(config: TitanConfig, key: HandoffKey): string {
  return `/${config.project}/handoff/${key}`;
}

/**
 * Primary writes what DR needs into DR's region: with a Global Datastore, its id. See
 * HandoffParameters for why not remote state. Without one DR needs nothing from primary, and no
 * DR-region provider is configured in primary at all.
 */
export function handOffToDr(
  scope: Construct,
  ctx: RegionContext,
  parts: Pick<RegionParts, "dataTier">,
): HandoffParameters | undefined {
  const { config } = ctx;
  const parameters: Record<string, string> = {};
  const datastoreId = parts.dataTier.redis.globalReplicationGroupId;
  if (datastoreId) {
    parameters[handoffParameterName(config, "cache-global-replication-group-id")] = datastoreId;
  }
  if (Object.keys(parameters).length === 0) {
    return undefined;
  }
  const drProvider = awsProvider(TerraformStack.of(scope), config, {
    region: config.regions.dr.region,
    scope: ctx.role,
    alias: "dr",
  });
  return new HandoffParameters(scope, "HandoffToDr", {
    provider: drProvider,
    parameters,
    description: "Written by titan's primary stack for the dr stack: a value AWS generated in the primary region",
  });
}

/** A value primary handed over, read by DR in its own region (see {@link handOffToDr}). */
export function readHandoff(scope: Construct, ctx: RegionContext, key: HandoffKey): string {
  return new DataAwsSsmParameter(scope, `Handoff-${key}`, { name: handoffParameterName(ctx.config, key) })
    .insecureValue;
}
