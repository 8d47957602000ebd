/**
 * The stub's inventory, read from the synthesized stacks: the names their data sources look up,
 * so the stub can answer for those and refuse any other name as AWS would.
 */
import type { StubInventory } from "./protocol";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Literal values of one argument of one data source type (`name`, `secret_id`); values built from
 * expressions are unknowable here.
 */
function dataSourceArguments(stackJson: unknown, type: string, argument: string): string[] {
  const data = isRecord(stackJson) && isRecord(stackJson.data) ? stackJson.data[type] : undefined;
  return Object.values(isRecord(data) ? data : {})
    .map((block) => (isRecord(block) ? block[argument] : undefined))
    .filter((value): value is string => typeof value === "string" && !value.includes("${"));
}

/** Every KMS alias, CodeConnections connection and secret the given stacks look up by name, in a fresh account. */
export function inventoryFromStacks(stackJsons: readonly unknown[]): StubInventory {
  const collect = (type: string, argument = "name"): string[] =>
    [...new Set(stackJsons.flatMap((stack) => dataSourceArguments(stack, type, argument)))].sort();
  return {
    kmsAliases: collect("aws_kms_alias"),
    connectionNames: collect("aws_codestarconnections_connection"),
    secretNames: collect("aws_secretsmanager_secret_version", "secret_id"),
    // A fresh account: no node group exists yet, so every group starts at its configured size.
    autoScalingGroups: [],
  };
}
