/**
 * The project's own Terraform CLI configuration.
 *
 * Every Terraform invocation made by this project (validation, jest's
 * `Testing.toBeValidTerraform()`) runs with `TF_CLI_CONFIG_FILE` pointing at a
 * file generated here, so results never depend on whatever the developer has
 * in `~/.terraformrc`. The same code works on an air-gapped machine with a
 * filesystem provider mirror and on a machine with registry access and no
 * mirror (direct install, optionally through a plugin cache). Which mirror,
 * and which providers it serves, is decided in `provider-mirror.ts`.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { findProviderMirror, mirroredProviders } from "./provider-mirror";

/** Directory (relative to the project root) holding the generated CLI config. */
export const CLI_CONFIG_DIRNAME = ".terraform-cli";

/** Terraform only treats `*.tfrc` files as HCL CLI configuration. */
export const CLI_CONFIG_FILENAME = "titan.tfrc";

/** Plugin cache location, kept inside the project so it never leaks between projects. */
export const PLUGIN_CACHE_DIRNAME = "plugin-cache";

/**
 * Environment variables that would silently override the generated config
 * (e.g. `TF_PLUGIN_CACHE_DIR` wins over `plugin_cache_dir`, verified with
 * Terraform 1.11) or change where/how Terraform works, so they are removed
 * from the environment handed to Terraform.
 */
const OVERRIDING_ENV_VARS: readonly string[] = [
  "TF_PLUGIN_CACHE_DIR",
  "TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE",
  "TF_DATA_DIR",
  "TF_CLI_ARGS",
  "TF_CLI_ARGS_init",
  "TF_CLI_ARGS_validate",
];

/** Options for {@link renderCliConfig}. */
export interface CliConfigOptions {
  /** Absolute path of a filesystem mirror; ignored when `mirroredProviders` is empty. */
  readonly mirrorDir?: string;
  /** Provider source addresses served by the mirror, e.g. `registry.terraform.io/hashicorp/aws`. */
  readonly mirroredProviders: readonly string[];
  /** Absolute path of a plugin cache directory; omitted means no cache. */
  readonly pluginCacheDir?: string;
}

/** Options for {@link writeCliConfig}. */
export interface WriteCliConfigOptions {
  readonly projectRoot: string;
  readonly env: NodeJS.ProcessEnv;
  readonly pluginCache: boolean;
  /**
   * File name inside `.terraform-cli/` (default `titan.tfrc`, the one jest
   * uses). Callers wanting different settings must use their own name, or a
   * concurrent run would swap the config under the other's feet.
   */
  readonly fileName?: string;
}

/** What {@link writeCliConfig} wrote and decided. */
export interface WrittenCliConfig {
  readonly path: string;
  readonly mirrorDir?: string;
  readonly mirroredProviders: readonly string[];
  readonly pluginCacheDir?: string;
}

/** Path of the generated CLI config; jest's setup file needs it without writing. */
export function cliConfigPath(projectRoot: string, fileName: string = CLI_CONFIG_FILENAME): string {
  return path.join(projectRoot, CLI_CONFIG_DIRNAME, fileName);
}

/** Path of the project-local plugin cache. */
export function pluginCachePath(projectRoot: string): string {
  return path.join(projectRoot, CLI_CONFIG_DIRNAME, PLUGIN_CACHE_DIRNAME);
}

/**
 * HCL string literal for a path. Terraform runs `os.ExpandEnv` over CLI-config
 * paths (verified: `c${x}` became `c`, and `$${x}` became `c{x}`), and Go's
 * expansion has no escape, so a `$` cannot be written safely at all.
 */
function hclPath(value: string): string {
  if (value.includes("$")) {
    throw new Error(
      `Cannot write "${value}" into the Terraform CLI config: Terraform expands $VARIABLES in these paths ` +
        "and offers no escape. Use a project/mirror location without '$'.",
    );
  }
  return hclString(value);
}

/** The CLI config is parsed as HCL 1, whose quoted strings accept JSON's escapes. */
function hclString(value: string): string {
  return JSON.stringify(value);
}

function hclList(values: readonly string[]): string {
  return `[${values.map(hclString).join(", ")}]`;
}

function renderProviderInstallation(mirrorDir: string | undefined, providers: readonly string[]): string[] {
  if (mirrorDir === undefined || providers.length === 0) {
    return ["provider_installation {", "  direct {}", "}"];
  }
  return [
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${hclPath(mirrorDir)}`,
    `    include = ${hclList(providers)}`,
    "  }",
    "  direct {",
    `    exclude = ${hclList(providers)}`,
    "  }",
    "}",
  ];
}

/**
 * Renders the CLI config. Always emits an explicit `provider_installation`
 * block, because without one Terraform consults implicit per-user mirror
 * directories and results would differ between machines.
 *
 * With a plugin cache, `plugin_cache_may_break_dependency_lock_file = true`
 * is required: since Terraform 1.4 a provider absent from the lock file is
 * re-installed from its origin even when cached, and cdktf.out stacks never
 * have a lock file — so without it the cache would be rewritten on every
 * init (slow, and racy between parallel inits).
 */
export function renderCliConfig(options: CliConfigOptions): string {
  const lines = [
    "# Generated by src/tooling/terraform-cli.ts; rewritten on every run, do not edit.",
    "disable_checkpoint = true",
  ];
  if (options.pluginCacheDir !== undefined) {
    lines.push(`plugin_cache_dir = ${hclPath(options.pluginCacheDir)}`);
    lines.push("plugin_cache_may_break_dependency_lock_file = true");
  }
  lines.push("", ...renderProviderInstallation(options.mirrorDir, options.mirroredProviders));
  return `${lines.join("\n")}\n`;
}

/**
 * Writes `content` so that concurrent readers (parallel jest workers, a
 * second validate run) only ever see the old or the new complete file.
 * Skips the write when nothing changed, which keeps the call idempotent.
 */
function writeFileAtomic(file: string, content: string): void {
  try {
    if (fs.readFileSync(file, "utf8") === content) {
      return;
    }
  } catch {
    // Missing or unreadable: fall through and write it.
  }
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    fs.writeFileSync(tmp, content, { encoding: "utf8", mode: 0o644 });
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Generates `<projectRoot>/.terraform-cli/titan.tfrc` for this machine
 * (mirror detection + optional plugin cache) so callers only need to pass
 * the returned path to {@link terraformEnv}. The plugin cache is opt-in
 * because Terraform does not lock it: only callers that run inits one at a
 * time (or pre-warm it) should enable it.
 */
export function writeCliConfig(options: WriteCliConfigOptions): WrittenCliConfig {
  const configPath = cliConfigPath(options.projectRoot, options.fileName);
  fs.mkdirSync(path.dirname(configPath), { recursive: true });

  const mirrorDir = findProviderMirror(options.env);
  const providers = mirrorDir === undefined ? [] : mirroredProviders(mirrorDir);
  const usedMirror = providers.length > 0 ? mirrorDir : undefined;

  let pluginCacheDir: string | undefined;
  if (options.pluginCache) {
    pluginCacheDir = pluginCachePath(options.projectRoot);
    // Terraform reports a CLI-config error for a missing plugin_cache_dir rather than creating it.
    fs.mkdirSync(pluginCacheDir, { recursive: true });
  }

  writeFileAtomic(configPath, renderCliConfig({ mirrorDir: usedMirror, mirroredProviders: providers, pluginCacheDir }));
  return { path: configPath, mirrorDir: usedMirror, mirroredProviders: providers, pluginCacheDir };
}

/**
 * Environment for spawning Terraform with the project's CLI config.
 * Variables that would override that config (see `OVERRIDING_ENV_VARS`) are
 * dropped; automation flags keep output free of "run terraform plan next"
 * hints and skip the checkpoint version check, a useless network call.
 */
export function terraformEnv(cliConfigFile: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...env };
  for (const name of OVERRIDING_ENV_VARS) {
    delete result[name];
  }
  result.TF_CLI_CONFIG_FILE = cliConfigFile;
  result.TF_IN_AUTOMATION = "1";
  result.CHECKPOINT_DISABLE = "1";
  return result;
}

/**
 * In-place variant of {@link terraformEnv}, for code that cannot pass an
 * `env` to Terraform: cdktf's `Testing.toBeValidTerraform()` spawns it with
 * `process.env`, so jest's setup must change `process.env` itself.
 */
export function applyTerraformEnv(cliConfigFile: string, env: NodeJS.ProcessEnv): void {
  const wanted = terraformEnv(cliConfigFile, env);
  for (const name of Object.keys(env)) {
    if (!(name in wanted)) {
      delete env[name];
    }
  }
  Object.assign(env, wanted);
}
