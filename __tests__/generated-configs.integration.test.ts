import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import fc from "fast-check";
import { buildTitan } from "../src/app";
import { ConfigValidationError, DEFAULT_CONFIG, resolveConfig, type TitanConfig } from "../src/config";
import { CONFIG_SCHEMA_FILE } from "../src/tooling/config-json-schema";

/**
 * Configs the schema accepts build: generated, seeded and deterministic. Each candidate overrides a
 * few settings with values drawn from what the published JSON Schema allows (bounds first, since
 * limits disagree at their edges); the schema's cross-field rules refuse some, and every one it
 * accepts must build all eight stacks and synthesize them without throwing. A construct refusing
 * a value the schema took is exactly the bug this guards against (the db.t4g.medium).
 */
const SEED = 20260112;
const ACCEPTED_CONFIGS = 24;

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  enum?: unknown[];
  anyOf?: (JsonSchema & { const?: unknown })[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
};

const schema: JsonSchema = JSON.parse(readFileSync(join(__dirname, "..", CONFIG_SCHEMA_FILE), "utf8"));

function leaves(node: JsonSchema, path: string[] = []): { path: string[]; node: JsonSchema }[] {
  if (node.type === "object" && node.properties !== undefined) {
    return Object.entries(node.properties)
      .filter(([key]) => key !== "$schema")
      .flatMap(([key, child]) => leaves(child, [...path, key]));
  }
  return [{ path, node }];
}

/**
 * The pattern without its lookarounds, which fast-check cannot generate from: what it yields may
 * then miss the real pattern, and the schema refuses that candidate like any other.
 */
function withoutLookarounds(pattern: string): string {
  // titan's lookarounds hold no group of their own: (?=.{1,253}$), (?!.*--).
  return pattern.replace(/\(\?[=!][^()]*\)/g, "");
}

/** What a nullable setting (database.globalRpoSeconds: anyOf the value and null) takes besides null. */
function nullableValue(node: JsonSchema): JsonSchema | undefined {
  const options = node.anyOf ?? [];
  const nullable = options.length === 2 && options.some((option) => option.type === "null");
  return nullable ? options.find((option) => option.type !== "null") : undefined;
}

/** Values the schema allows for one setting, its bounds and its default weighted up. */
function valuesOf(node: JsonSchema): fc.Arbitrary<unknown> {
  const keep = fc.constant(node.default);
  if (node.enum !== undefined) {
    return fc.constantFrom(...node.enum);
  }
  if (node.anyOf?.every((option) => option.const !== undefined)) {
    return fc.constantFrom(...node.anyOf.map((option) => option.const));
  }
  const value = nullableValue(node);
  if (value !== undefined) {
    return fc.oneof(fc.constant(null), valuesOf(value));
  }
  if (node.type === "boolean") {
    return fc.boolean();
  }
  if (node.type === "integer" || node.type === "number") {
    const min = node.minimum ?? 0;
    const max = Math.min(node.maximum ?? min + 1000, min + 100_000);
    return fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }), keep);
  }
  if (node.type === "string" && node.pattern !== undefined) {
    return fc.oneof(fc.stringMatching(new RegExp(withoutLookarounds(node.pattern)), { size: "small" }), keep);
  }
  if (node.type === "string") {
    return fc.oneof(keep, fc.string({ minLength: 1, maxLength: 12 }));
  }
  if (node.type === "array" && node.items !== undefined) {
    const items = valuesOf(node.items);
    return fc.oneof(
      keep,
      fc.array(items, { minLength: node.minItems ?? 0, maxLength: Math.min(node.maxItems ?? 4, 4) }),
    );
  }
  return keep;
}

const settings = leaves(schema);

/** A deep-partial override of a few settings. */
const overrides = fc
  .subarray(settings, { minLength: 1, maxLength: 6 })
  .chain((picked) => fc.tuple(...picked.map((setting) => valuesOf(setting.node))).map((values) => ({ picked, values })))
  .map(({ picked, values }) => {
    const override: Record<string, unknown> = {};
    picked.forEach((setting, index) => {
      let node = override;
      for (const key of setting.path.slice(0, -1)) {
        node[key] = node[key] ?? {};
        node = node[key] as Record<string, unknown>;
      }
      node[setting.path[setting.path.length - 1]] = values[index];
    });
    return override;
  });

/** The first configs of the seeded stream the schema accepts, with the overrides that made each. */
function acceptedConfigs(): { override: object; config: TitanConfig }[] {
  const found: { override: object; config: TitanConfig }[] = [];
  for (const override of fc.sample(overrides, { seed: SEED, numRuns: ACCEPTED_CONFIGS * 10 })) {
    try {
      found.push({ override, config: resolveConfig(override, "generated") });
    } catch (error) {
      if (!(error instanceof ConfigValidationError)) {
        throw error;
      }
    }
    if (found.length === ACCEPTED_CONFIGS) {
      break;
    }
  }
  return found;
}

describe("configs the schema accepts", () => {
  const accepted = acceptedConfigs();

  it(`are generated in enough number from a fixed seed (${ACCEPTED_CONFIGS})`, () => {
    expect(accepted).toHaveLength(ACCEPTED_CONFIGS);
    expect(new Set(accepted.map(({ override }) => JSON.stringify(override))).size).toBe(ACCEPTED_CONFIGS);
    expect(accepted.some(({ config }) => JSON.stringify(config) !== JSON.stringify(DEFAULT_CONFIG))).toBe(true);
  });

  it.each(accepted.map(({ override, config }) => [JSON.stringify(override), config] as const))(
    "build and synthesize every stack: %s",
    (_override, config) => {
      const stacks = buildTitan(Testing.app(), config);
      for (const stack of Object.values(stacks)) {
        expect(() => Testing.synth(stack)).not.toThrow();
      }
    },
  );
});
