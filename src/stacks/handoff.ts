import type { TitanConfig } from "../config";

/**
 * What primary hands to DR: values AWS generates, so DR cannot derive them from config. (DR's
 * database needs none: its app uses DR's own cluster endpoints, see databaseTargets.)
 */
export type HandoffKey = "cache-global-replication-group-id";

/**
 * The SSM parameter (in the DR region) holding a value primary hands to DR. Both sides take the
 * name from here, so a rename cannot break one side silently.
 */
export function handoffParameterName(config: TitanConfig, key: HandoffKey): string {
  return `/${config.project}/handoff/${key}`;
}
