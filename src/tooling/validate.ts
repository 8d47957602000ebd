/**
 * Offline-friendly `terraform validate` for every synthesized cdktf stack.
 *
 * Usage: npx tsx src/tooling/validate.ts [--out cdktf.out] [--strict] [stack ...]
 *
 * Expects `cdktf synth` to have run. Each stack is initialised (without its
 * backend) and validated using the project's CLI config, then classified as
 * valid, invalid, not validated (a required provider cannot be installed on
 * this machine) or init failed. Stacks run one after another because they
 * share one plugin cache, and Terraform does not lock it.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs as parseCliArgs } from "node:util";
import { classifyInitFailure, describeUnavailable } from "./init-failure";
import { terraformEnv, type WrittenCliConfig, writeCliConfig } from "./terraform-cli";
import {
  displayProviderAddress,
  exitCodeFor,
  formatDiagnostic,
  formatSummary,
  parseValidateJson,
  providersOutsideMirror,
  requiredProviders,
  type StackOutcome,
  type StackResult,
} from "./validate-report";

const USAGE = "usage: npx tsx src/tooling/validate.ts [--out cdktf.out] [--strict] [stack ...]";
const CLI_OPTIONS = {
  out: { type: "string", default: "cdktf.out" },
  strict: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;
const INIT_TIMEOUT_MS = 20 * 60 * 1000;
const VALIDATE_TIMEOUT_MS = 5 * 60 * 1000;

interface Args {
  readonly outDir: string;
  readonly strict: boolean;
  readonly stacks: readonly string[];
}

interface ManifestStack {
  readonly name: string;
  readonly workingDirectory: string;
  readonly synthesizedStackPath: string;
}

interface TerraformRun {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** An expected failure: printed as one message, never with a stack trace. */
class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

function parseCommandLine(argv: readonly string[]) {
  try {
    return parseCliArgs({ args: [...argv], options: CLI_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UserError(`${(error as Error).message}\n${USAGE}`, 2);
  }
}

function parseArgs(argv: readonly string[]): Args {
  const { values, positionals } = parseCommandLine(argv);
  if (values.help) {
    throw new UserError(USAGE, 0);
  }
  return { outDir: path.resolve(values.out), strict: values.strict, stacks: positionals };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new UserError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

function readManifest(outDir: string): ManifestStack[] {
  const manifestPath = path.join(outDir, "manifest.json");
  if (!fs.existsSync(manifestPath)) {
    throw new UserError(`${manifestPath} not found; run \`cdktf synth\` first (or pass --out <dir>)`);
  }
  const manifest = readJson(manifestPath);
  const stacks =
    typeof manifest === "object" && manifest !== null && "stacks" in manifest ? manifest.stacks : undefined;
  if (typeof stacks !== "object" || stacks === null) {
    throw new UserError(`${manifestPath} has no "stacks" object; is it a cdktf manifest?`);
  }
  return Object.entries(stacks as Record<string, Partial<ManifestStack>>).map(([name, s]) => {
    if (typeof s.workingDirectory !== "string" || typeof s.synthesizedStackPath !== "string") {
      throw new UserError(`stack ${name} in ${manifestPath} lacks workingDirectory/synthesizedStackPath`);
    }
    return { name, workingDirectory: s.workingDirectory, synthesizedStackPath: s.synthesizedStackPath };
  });
}

function selectStacks(all: readonly ManifestStack[], wanted: readonly string[]): ManifestStack[] {
  if (all.length === 0) {
    throw new UserError("the manifest lists no stacks; nothing to validate");
  }
  if (wanted.length === 0) {
    return [...all];
  }
  const unknown = wanted.filter((name) => !all.some((s) => s.name === name));
  if (unknown.length > 0) {
    const known = all.map((s) => s.name).join(", ");
    throw new UserError(`unknown stack(s): ${unknown.join(", ")} (synthesized stacks: ${known})`, 2);
  }
  return all.filter((s) => wanted.includes(s.name));
}

function terraform(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeout: number): TerraformRun {
  const run = spawnSync("terraform", args, { cwd, env, encoding: "utf8", timeout, maxBuffer: 64 * 1024 * 1024 });
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new UserError("terraform is not on PATH; install Terraform >= 1.5 to validate stacks");
    }
    const reason = code === "ETIMEDOUT" ? `timed out after ${timeout / 1000}s` : run.error.message;
    return { ok: false, stdout: run.stdout ?? "", stderr: `Error: terraform ${args[0]} ${reason}` };
  }
  return { ok: run.status === 0, stdout: run.stdout, stderr: run.stderr };
}

/** Relative to the current directory when inside it, absolute otherwise. */
function displayPath(p: string): string {
  const relative = path.relative(process.cwd(), p);
  return relative === "" ? "." : relative.startsWith("..") || path.isAbsolute(relative) ? p : relative;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}

/** Prints which required providers will need the registry, so a failure is expected, not surprising. */
function notePrediction(stackJson: unknown, cli: WrittenCliConfig): void {
  if (cli.mirrorDir === undefined) {
    return;
  }
  const outside = providersOutsideMirror(requiredProviders(stackJson), cli.mirroredProviders);
  if (outside.length > 0) {
    const names = outside.map(displayProviderAddress).join(", ");
    console.log(`  note: ${names} not in mirror ${cli.mirrorDir}; init will try the registry`);
  }
}

function runValidate(cwd: string, env: NodeJS.ProcessEnv, stackJson: unknown): StackResult {
  const run = terraform(["validate", "-json", "-no-color"], cwd, env, VALIDATE_TIMEOUT_MS);
  let result: ReturnType<typeof parseValidateJson>;
  try {
    result = parseValidateJson(run.stdout);
  } catch (error) {
    console.log(`  validate failed: ${(error as Error).message}`);
    console.log(indent(run.stderr.trim()));
    return "init failed";
  }
  const counts = `${result.errorCount} error(s), ${result.warningCount} warning(s)`;
  console.log(`  ${result.valid ? "valid" : "INVALID"} (${counts})`);
  for (const diagnostic of result.diagnostics) {
    console.log(indent(formatDiagnostic(diagnostic, stackJson).join("\n")));
  }
  return result.valid ? "valid" : "invalid";
}

function validateStack(
  stack: ManifestStack,
  outDir: string,
  env: NodeJS.ProcessEnv,
  cli: WrittenCliConfig,
): StackResult {
  const cwd = path.resolve(outDir, stack.workingDirectory);
  const stackFile = path.resolve(outDir, stack.synthesizedStackPath);
  console.log(`\n== ${stack.name} (${displayPath(cwd)})`);
  if (!fs.existsSync(stackFile)) {
    console.log(`  ${stackFile} is missing; re-run cdktf synth`);
    return "init failed";
  }
  // cdktf may be configured for HCL output (cdk.tf); the prediction then just has nothing to read.
  const stackJson = stackFile.endsWith(".json") ? readJson(stackFile) : undefined;
  notePrediction(stackJson, cli);

  const init = terraform(["init", "-backend=false", "-input=false", "-no-color"], cwd, env, INIT_TIMEOUT_MS);
  if (!init.ok) {
    const failure = classifyInitFailure(init.stderr, cli.mirroredProviders);
    if (failure.kind === "providers-unavailable") {
      console.log(`  not validated: ${describeUnavailable(failure.providers)}`);
      return "not validated";
    }
    if (failure.kind === "invalid-configuration") {
      console.log("  INVALID (terraform init rejected the configuration):");
      console.log(indent(failure.message));
      return "invalid";
    }
    console.log("  terraform init failed:");
    console.log(indent(failure.message.replace(/\n{3,}/g, "\n\n")));
    return "init failed";
  }
  return runValidate(cwd, env, stackJson);
}

function describeCliConfig(cli: WrittenCliConfig): string {
  const source = cli.mirrorDir
    ? `mirror ${cli.mirrorDir} (${cli.mirroredProviders.map(displayProviderAddress).join(", ")}) + registry`
    : "registry only (no provider mirror found)";
  const cache = cli.pluginCacheDir ? `, plugin cache ${displayPath(cli.pluginCacheDir)}` : "";
  return `terraform CLI config ${displayPath(cli.path)}: ${source}${cache}`;
}

function writeProjectCliConfig(projectRoot: string): WrittenCliConfig {
  try {
    // Own file name: jest writes titan.tfrc without a cache and may be running right now.
    return writeCliConfig({ projectRoot, env: process.env, pluginCache: true, fileName: "validate.tfrc" });
  } catch (error) {
    // e.g. TITAN_PROVIDER_MIRROR pointing nowhere: a configuration mistake, not a crash.
    throw new UserError((error as Error).message);
  }
}

function main(argv: readonly string[]): number {
  const args = parseArgs(argv);
  const stacks = selectStacks(readManifest(args.outDir), args.stacks);
  const projectRoot = path.resolve(__dirname, "..", "..");
  const cli = writeProjectCliConfig(projectRoot);
  const env = terraformEnv(cli.path, process.env);
  console.log(describeCliConfig(cli));

  const outcomes: StackOutcome[] = [];
  for (const stack of stacks) {
    const started = process.hrtime.bigint();
    const result = validateStack(stack, args.outDir, env, cli);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    outcomes.push({ stack: stack.name, result, seconds });
  }
  console.log(`\n${formatSummary(outcomes)}`);
  const code = exitCodeFor(outcomes, args.strict);
  if (code === 0 && outcomes.some((o) => o.result === "not validated")) {
    console.log("(stacks whose providers cannot be installed here do not fail the run; use --strict to make them)");
  }
  return code;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UserError) {
    (error.exitCode === 0 ? console.log : console.error)(error.message);
    process.exitCode = error.exitCode;
  } else {
    throw error;
  }
}
