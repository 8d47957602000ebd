import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { DEFAULT_CONFIG } from "../../src/config";
import {
  CONFIG_SCHEMA_FILE,
  configSettings,
  README_FILE,
  renderConfigJsonSchema,
  withConfigTable,
} from "../../src/tooling/config-json-schema";

const root = join(__dirname, "..", "..");
const committed = readFileSync(join(root, CONFIG_SCHEMA_FILE), "utf8");
const schema = JSON.parse(committed);

/** The leaf at a dotted path of a JSON Schema. */
function leaf(path: string): Record<string, unknown> {
  return path.split(".").reduce((node, key) => node.properties[key], schema);
}

describe("the published JSON Schema", () => {
  it("is generated from the zod schema (run `npm run schema` when this fails)", () => {
    expect(committed).toBe(renderConfigJsonSchema());
  });

  it("describes a deep-partial override: strict keys, nothing required", () => {
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.regions.properties.dr.additionalProperties).toBe(false);
    expect(committed).not.toContain('"required"');
    expect(schema.properties.web.properties.runtime.enum).toEqual(["eks", "ec2"]);
  });

  it("describes every setting, and says the unit of every number", () => {
    const settings = configSettings();
    expect(settings.length).toBeGreaterThan(100);
    expect(settings.filter((setting) => setting.description.trim() === "").map((s) => s.path)).toEqual([]);
    const isNumber = (node: Record<string, unknown>) => ["integer", "number"].includes(String(node.type));
    // A nullable number is a number too (JSON Schema: anyOf the number and null).
    const numbers = settings.filter(({ path }) =>
      [leaf(path), ...((leaf(path).anyOf as Record<string, unknown>[] | undefined) ?? [])].some(isNumber),
    );
    expect(numbers.map((setting) => setting.path)).toContain("database.globalRpoSeconds");
    expect(numbers.filter((setting) => setting.unit === undefined).map((setting) => setting.path)).toEqual([]);
    expect(leaf("edge.healthCheck.requestIntervalSeconds").description).toMatch(/\(unit: seconds\)$/);
  });

  it("carries every default, so an editor shows what an unset key means", () => {
    for (const setting of configSettings()) {
      const fromDefaults = setting.path
        .split(".")
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], DEFAULT_CONFIG);
      expect({ path: setting.path, default: leaf(setting.path).default }).toEqual({
        path: setting.path,
        default: fromDefaults,
      });
    }
  });

  it("is a standard draft 2020-12 schema (strict Ajv compiles it) that accepts the defaults", () => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    expect(validate(DEFAULT_CONFIG)).toBe(true);
  });
});

describe("the README's settings table", () => {
  it("is generated from the same schema (run `npm run schema` when this fails)", () => {
    const readme = readFileSync(join(root, README_FILE), "utf8");
    expect(readme).toBe(withConfigTable(readme));
  });
});
