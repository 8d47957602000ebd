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
import { classifyInitFailure, describeUnavailable } from "./init-failure";
import {
  indent,
  parseStackArgs,
  readJson,
  readManifest,
  reportUserError,
  type SynthesizedStack,
  selectStacks,
  UserError,
} from "./synthesized-stacks";
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
const INIT_TIMEOUT_MS = 20 * 60 * 1000;
const VALIDATE_TIMEOUT_MS = 5 * 60 * 1000;

interface TerraformRun {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
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

function validateStack(stack: SynthesizedStack, env: NodeJS.ProcessEnv, cli: WrittenCliConfig): StackResult {
  console.log(`\n== ${stack.name} (${displayPath(stack.dir)})`);
  if (!fs.existsSync(stack.file)) {
    console.log(`  ${stack.file} is missing; re-run cdktf synth`);
    return "init failed";
  }
  // cdktf may be configured for HCL output (cdk.tf); the prediction then just has nothing to read.
  const stackJson = stack.file.endsWith(".json") ? readJson(stack.file) : undefined;
  notePrediction(stackJson, cli);

  const init = terraform(["init", "-backend=false", "-input=false", "-no-color"], stack.dir, env, INIT_TIMEOUT_MS);
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
  return runValidate(stack.dir, env, stackJson);
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
  const args = parseStackArgs(argv, ["strict"], USAGE);
  const stacks = selectStacks(readManifest(args.outDir), args.stacks);
  const projectRoot = path.resolve(__dirname, "..", "..");
  const cli = writeProjectCliConfig(projectRoot);
  const env = terraformEnv(cli.path, process.env);
  console.log(describeCliConfig(cli));

  const outcomes: StackOutcome[] = [];
  for (const stack of stacks) {
    const started = process.hrtime.bigint();
    const result = validateStack(stack, env, cli);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    outcomes.push({ stack: stack.name, result, seconds });
  }
  console.log(`\n${formatSummary(outcomes)}`);
  const code = exitCodeFor(outcomes, args.flags.strict);
  if (code === 0 && outcomes.some((o) => o.result === "not validated")) {
    console.log("(stacks whose providers cannot be installed here do not fail the run; use --strict to make them)");
  }
  return code;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.exitCode = reportUserError(error);
  }
}
