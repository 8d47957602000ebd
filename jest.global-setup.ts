/**
 * Jest globalSetup: writes the project's Terraform CLI config once, before
 * any worker starts, so `Testing.toBeValidTerraform()` (which runs
 * `terraform init` in every worker, in parallel) installs providers safely.
 *
 * - A mirror exists: no plugin cache. Init from an unpacked mirror only
 *   symlinks, and parallel workers sharing a cache race on it (cdktf#2939).
 * - No mirror (registry machine): a plugin cache, pre-warmed here once with
 *   every provider pinned by the installed `@cdktf/provider-*` packages, so
 *   workers only ever read from it.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { classifyInitFailure, describeUnavailable } from "./src/tooling/init-failure";
import { currentPlatform, findProviderMirror } from "./src/tooling/provider-mirror";
import { applyTerraformEnv, terraformEnv, type WrittenCliConfig, writeCliConfig } from "./src/tooling/terraform-cli";
import { normalizeProviderAddress } from "./src/tooling/validate-report";

/** A provider version a prebuilt `@cdktf/provider-*` package was generated for. */
interface PinnedProvider {
  /** Full source address, e.g. `registry.terraform.io/hashicorp/aws`. */
  readonly address: string;
  readonly version: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Prebuilt providers declare what they were generated from in `package.json` → `cdktf.provider`. */
function pinnedFromManifest(packageJson: unknown): PinnedProvider | undefined {
  const cdktf = isRecord(packageJson) ? packageJson.cdktf : undefined;
  const provider = isRecord(cdktf) ? cdktf.provider : undefined;
  if (isRecord(provider) && typeof provider.name === "string" && typeof provider.version === "string") {
    return { address: normalizeProviderAddress(provider.name), version: provider.version };
  }
  return undefined;
}

/** Fallback for packages without that field: the generated provider class embeds the same data. */
function pinnedFromSource(packageDir: string): PinnedProvider | undefined {
  let source: string;
  try {
    source = fs.readFileSync(path.join(packageDir, "lib", "provider", "index.js"), "utf8");
  } catch {
    return undefined;
  }
  const meta = /providerName:\s*'([^']+)',\s*providerVersion:\s*'([^']+)'/.exec(source);
  const address = /terraformProviderSource:\s*'([^']+)'/.exec(source)?.[1] ?? meta?.[1];
  return meta && address ? { address: normalizeProviderAddress(address), version: meta[2] } : undefined;
}

/** Every provider version the synthesized stacks will require (cdktf pins exact versions). */
function pinnedProviders(projectRoot: string): PinnedProvider[] {
  const scopeDir = path.join(projectRoot, "node_modules", "@cdktf");
  const packages = fs.existsSync(scopeDir) ? fs.readdirSync(scopeDir).filter((n) => n.startsWith("provider-")) : [];
  const pinned: PinnedProvider[] = [];
  for (const name of packages) {
    const packageDir = path.join(scopeDir, name);
    const packageJson: unknown = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8"));
    const provider = pinnedFromManifest(packageJson) ?? pinnedFromSource(packageDir);
    if (provider) {
      pinned.push(provider);
    }
  }
  return pinned;
}

function isCached(cacheDir: string, provider: PinnedProvider): boolean {
  return fs.existsSync(path.join(cacheDir, provider.address, provider.version, currentPlatform()));
}

function prewarmConfig(providers: readonly PinnedProvider[]): string {
  const required: Record<string, { source: string; version: string }> = {};
  for (const p of providers) {
    required[path.basename(p.address)] = { source: p.address, version: p.version };
  }
  return JSON.stringify({ terraform: { required_providers: required } }, null, 2);
}

/**
 * Fills the plugin cache with one sequential init. Failure is reported, not
 * thrown: tests that never run Terraform should still run, and those that do
 * will fail with Terraform's own message.
 */
function prewarmPluginCache(cli: WrittenCliConfig, cacheDir: string, providers: readonly PinnedProvider[]): void {
  const missing = providers.filter((p) => !isCached(cacheDir, p));
  if (missing.length === 0) {
    return;
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "titan-prewarm-"));
  try {
    fs.writeFileSync(path.join(workDir, "main.tf.json"), prewarmConfig(missing));
    const started = Date.now();
    const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], {
      cwd: workDir,
      env: terraformEnv(cli.path, process.env),
      encoding: "utf8",
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const names = missing.map((p) => `${path.basename(p.address)} ${p.version}`).join(", ");
    if (init.status === 0) {
      console.log(`\n[jest globalSetup] pre-warmed terraform plugin cache (${names}) in ${seconds}s`);
    } else {
      const failure = init.error ? undefined : classifyInitFailure(init.stderr);
      const why = failure?.kind === "providers-unavailable" ? describeUnavailable(failure.providers) : init.stderr;
      console.warn(`\n[jest globalSetup] could not pre-warm the terraform plugin cache: ${init.error?.message ?? why}`);
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** Runs once per jest invocation, before workers exist, so nothing here can race with a test. */
export default async function globalSetup(): Promise<void> {
  const projectRoot = __dirname;
  const mirror = findProviderMirror(process.env);
  const cli = writeCliConfig({ projectRoot, env: process.env, pluginCache: mirror === undefined });
  // Workers are spawned after this and inherit it; jest.setup-env.ts re-applies it per test file anyway.
  applyTerraformEnv(cli.path, process.env);
  if (cli.pluginCacheDir !== undefined) {
    prewarmPluginCache(cli, cli.pluginCacheDir, pinnedProviders(projectRoot));
  }
}
