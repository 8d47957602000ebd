import type { Construct } from "constructs";
import type { ConfigPath } from "../config";
import { ConstructValidationError } from "../validation/construct-error";

/** For each prop a construct is given from config, the setting it came from. */
export type ConfigPaths<Props> = { readonly [K in keyof Props]?: ConfigPath };

/**
 * Builds `Type` at `scope/id` with `props` read from config: should the construct refuse a prop,
 * its error names the config field (`database.instances.dr`) beside the construct path, so the user
 * is told which setting to change. The construct itself never learns about config.
 */
export function buildFromConfig<Props, Built>(
  Type: new (scope: Construct, id: string, props: Props) => Built,
  scope: Construct,
  id: string,
  props: Props,
  configPaths: ConfigPaths<Props>,
): Built {
  try {
    return new Type(scope, id, props);
  } catch (error) {
    if (error instanceof ConstructValidationError) {
      throw error.withConfigPaths(`${scope.node.path}/${id}`, configPaths as Readonly<Record<string, string>>);
    }
    throw error;
  }
}
