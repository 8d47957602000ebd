import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CONFIG_SCHEMA_FILE, renderConfigJsonSchema } from "../../src/tooling/config-json-schema";

describe("the published JSON Schema", () => {
  const committed = readFileSync(join(__dirname, "..", "..", CONFIG_SCHEMA_FILE), "utf8");

  it("is generated from the zod schema (run `npm run schema` when this fails)", () => {
    expect(committed).toBe(renderConfigJsonSchema());
  });

  it("describes a deep-partial override: strict keys, nothing required", () => {
    const schema = JSON.parse(committed);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.regions.properties.dr.additionalProperties).toBe(false);
    expect(committed).not.toContain('"required"');
    expect(schema.properties.web.properties.runtime.enum).toEqual(["eks", "ec2"]);
  });
});
