import { readFileSync } from "node:fs";
import type { z } from "zod";
import { DEFAULT_CONFIG } from "./defaults";
import { ConfigFileError, type ConfigProblem, ConfigValidationError } from "./errors";
import { deepMerge, isPlainObject } from "./merge";
import { configSchema, type TitanConfig } from "./schema";

/**
 * Validates `overrides` deep-merged over the defaults and returns the typed config, or throws a
 * {@link ConfigValidationError} naming every problem. `source` names where the overrides came from.
 */
export function resolveConfig(overrides: unknown = {}, source = "defaults"): TitanConfig {
  if (!isPlainObject(overrides)) {
    throw new ConfigValidationError([{ path: "", message: "the config must be a JSON object" }], source);
  }
  // `$schema` only points editors at titan.config.schema.json; it is not a setting.
  const { $schema: _editorHint, ...settings } = overrides;
  const result = configSchema.safeParse(deepMerge(DEFAULT_CONFIG, settings), { reportInput: true });
  if (!result.success) {
    throw new ConfigValidationError(describeIssues(result.error.issues), source);
  }
  return result.data;
}

/**
 * The config an entry point runs with: the file named by `TITAN_CONFIG` in `env`, else the
 * defaults. Entry points (main.ts, the tooling CLIs) pass their environment; nothing below reads it.
 */
export function loadConfigFromEnvironment(env: Readonly<Record<string, string | undefined>>): TitanConfig {
  const file = env.TITAN_CONFIG;
  return file ? loadConfigFile(file) : resolveConfig();
}

/** Reads a JSON config file and resolves it; a missing or malformed file is one clear line. */
export function loadConfigFile(file: string): TitanConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigFileError(file, code === "ENOENT" ? "no such file" : String((error as Error).message));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigFileError(file, `not valid JSON (${(error as Error).message})`);
  }
  return resolveConfig(parsed, file);
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): ConfigProblem[] {
  const problems = issues.flatMap((issue): ConfigProblem[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        path: dotted([...issue.path, key]),
        message: unknownKeyMessage(issue.path, key),
      }));
    }
    // Custom rules already quote the value; zod's own messages do not, so add what was received.
    const received =
      issue.code === "custom" || issue.input === undefined ? "" : ` (received ${JSON.stringify(issue.input)})`;
    return [{ path: dotted(issue.path), message: `${issue.message}${received}` }];
  });
  return problems.sort((a, b) => a.path.localeCompare(b.path));
}

function dotted(path: readonly PropertyKey[]): string {
  return path
    .map((part) => (typeof part === "number" ? `[${part}]` : String(part)))
    .join(".")
    .replace(/\.\[/g, "[");
}

/**
 * Settings that used to exist: a config written for an earlier titan gets told what became of
 * them, not only that the key is unknown.
 */
const RETIRED_SETTINGS: readonly { readonly path: RegExp; readonly message: string }[] = [
  {
    path: /^database\.global$/,
    message:
      "was removed: titan always builds an Aurora global database (DR's database is its secondary cluster, and failover depends on it); delete the key",
  },
  {
    path: /^(app\.scaling|kubernetes\.platform\.[A-Za-z]+)\.replicas\.(primary|dr)$/,
    message:
      'was renamed: replicas follow dr.activeRole like node groups do, so give "active" (the live region) and "standby" instead of "primary" and "dr"',
  },
];

function unknownKeyMessage(parentPath: readonly PropertyKey[], key: string): string {
  const path = dotted([...parentPath, key]);
  const retired = RETIRED_SETTINGS.find((setting) => setting.path.test(path));
  if (retired !== undefined) {
    return `"${key}" ${retired.message}`;
  }
  const known = knownKeys(parentPath);
  const suggestion = known.find((candidate) => editDistance(candidate, key) <= 2);
  const hint = suggestion ? `did you mean "${suggestion}"?` : `known keys here: ${known.join(", ")}`;
  return `unknown key "${key}" (${hint})`;
}

/** The keys the defaults hold at `path`: the schema and the defaults have the same shape. */
function knownKeys(path: readonly PropertyKey[]): string[] {
  let node: unknown = DEFAULT_CONFIG;
  for (const part of path) {
    node = isPlainObject(node) ? node[String(part)] : undefined;
  }
  return isPlainObject(node) ? Object.keys(node) : [];
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(
        row[j] + 1,
        row[j - 1] + 1,
        diagonal + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return row[b.length];
}
