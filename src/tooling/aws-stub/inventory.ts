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

/**
 * The secrets a Terraform state (v4 JSON) holds, by name: in a plan against it the ephemeral
 * `aws_secretsmanager_secret_version` reads them by ARN, and they exist.
 */
export function secretNamesInState(state: unknown): string[] {
  const resources = isRecord(state) && Array.isArray(state.resources) ? state.resources : [];
  return resources
    .filter((resource) => isRecord(resource) && resource.type === "aws_secretsmanager_secret")
    .flatMap((resource) => (Array.isArray(resource.instances) ? resource.instances : []))
    .map((instance) => (isRecord(instance) && isRecord(instance.attributes) ? instance.attributes.name : undefined))
    .filter((name): name is string => typeof name === "string")
    .sort();
}
