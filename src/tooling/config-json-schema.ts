/**
 * Writes `titan.config.schema.json`, the JSON Schema editors use to complete and check a
 * TITAN_CONFIG file. Generated from the zod schema so the two cannot drift; a test fails when the
 * committed file is stale (`npm run schema` refreshes it).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { configSchema } from "../config/schema";

export const CONFIG_SCHEMA_FILE = "titan.config.schema.json";

/**
 * The JSON Schema as committed text. An override file is deep-partial (it is merged over the
 * defaults), so no key is required at any depth; `$schema` is allowed so the file can name this.
 */
export function renderConfigJsonSchema(): string {
  const schema = withoutRequired(z.toJSONSchema(configSchema, { target: "draft-2020-12", io: "input" }));
  const properties = { $schema: { type: "string" }, ...(schema.properties as object) };
  return `${JSON.stringify({ ...schema, title: "titan config override", properties }, null, 2)}\n`;
}

function withoutRequired(node: unknown): Record<string, unknown> {
  if (Array.isArray(node)) {
    return node.map(withoutRequired) as unknown as Record<string, unknown>;
  }
  if (typeof node !== "object" || node === null) {
    return node as Record<string, unknown>;
  }
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== "required")
      .map(([key, value]) => [key, withoutRequired(value)]),
  );
}

if (require.main === module) {
  const file = join(__dirname, "..", "..", CONFIG_SCHEMA_FILE);
  writeFileSync(file, renderConfigJsonSchema());
  console.log(`wrote ${file}`);
}
