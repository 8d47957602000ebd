/**
 * The stub's inventory, read from the synthesized stacks: the names their data sources look up
 * through list operations, which the stub cannot learn from the request itself.
 */
import type { StubInventory } from "./protocol";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Literal `name` arguments of one data source type; names built from expressions are unknowable here. */
function dataSourceNames(stackJson: unknown, type: string): string[] {
  const data = isRecord(stackJson) && isRecord(stackJson.data) ? stackJson.data[type] : undefined;
  return Object.values(isRecord(data) ? data : {})
    .map((block) => (isRecord(block) ? block.name : undefined))
    .filter((name): name is string => typeof name === "string" && !name.includes("${"));
}

/** Every KMS alias and CodeConnections connection the given stacks look up by name. */
export function inventoryFromStacks(stackJsons: readonly unknown[]): StubInventory {
  const collect = (type: string): string[] =>
    [...new Set(stackJsons.flatMap((stack) => dataSourceNames(stack, type)))].sort();
  return {
    kmsAliases: collect("aws_kms_alias"),
    connectionNames: collect("aws_codestarconnections_connection"),
  };
}
