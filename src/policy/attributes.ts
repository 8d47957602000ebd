import type { Attributes } from "./rule";

/**
 * The nested blocks under `key`. cdktf renders a block as an object or as a list of objects
 * depending on the provider binding (`environment` is an object, `encryption_configuration` a
 * list), so rules read blocks only through this.
 */
export function blocks(attributes: Attributes, key: string): Attributes[] {
  const value = attributes[key];
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item): item is Attributes => typeof item === "object" && item !== null);
}

/** The single nested block under `key` (a `max_items = 1` block), if there is one. */
export function block(attributes: Attributes, key: string): Attributes | undefined {
  return blocks(attributes, key)[0];
}

/** True for a value Terraform only knows at plan time: a `${...}` expression. */
export function isExpression(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

/**
 * True when an attribute is given: a literal or an expression (a reference to a key is as good as
 * its ARN here: the rule asks whether one is configured, Terraform checks that it exists).
 */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/**
 * True only for a literal true. Terraform accepts `"true"` for booleans and some string-typed
 * flags (`at_rest_encryption_enabled`) take it; an expression does not count, because the policy
 * cannot prove it at synth time.
 */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** How a value reads in a finding: `"x"` for strings, JSON otherwise, `unset` for nothing. */
export function shown(value: unknown): string {
  return value === undefined || value === null ? "unset" : JSON.stringify(value);
}
