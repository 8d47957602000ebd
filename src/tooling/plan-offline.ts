/**
 * `terraform plan` of every AWS-only stack with no AWS account: the aws provider is pointed at a
 * local stub (src/tooling/aws-stub/) that answers the few calls a plan makes, so the provider's
 * plan-time checks (CustomizeDiff, conflicts, unknown values) run and the plan counts are real.
 *
 * Usage: npx tsx src/tooling/plan-offline.ts [--out cdktf.out] [--verbose] [--keep] [stack ...]
 *
 * Expects `cdktf synth` to have run. Each stack directory is copied to a temporary directory and
 * planned there with an override file (local backend, fake credentials, stub endpoints); the
 * synthesized output is never written to. Stacks needing other providers (helm, kubernetes) are
 * reported as not planned: only AWS can be stubbed.
 *
 * Exits 1 when a stack fails to init or plan, and when the stub was sent a call it has no handler
 * for (listed at the end, with what was sent), even if the plan survived it.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inventoryFromStacks } from "./aws-stub/inventory";
import { OVERRIDE_FILENAME, renderOfflineOverride } from "./aws-stub/override";
import { type AwsStub, formatStubCalls, startAwsStub } from "./aws-stub/server";
import { classifyInitFailure, describeUnavailable } from "./init-failure";
import {
  formatOutcome,
  formatPlanSummary,
  type PlanOutcome,
  parsePlanJson,
  parseResourceChanges,
} from "./plan-offline-report";
import {
  parseStackArgs,
  readJson,
  readManifest,
  reportUserError,
  type SynthesizedStack,
  selectStacks,
  UserError,
} from "./synthesized-stacks";
import { terraformEnv, writeCliConfig } from "./terraform-cli";
import { displayProviderAddress, normalizeProviderAddress, requiredProviders } from "./validate-report";

const USAGE = "usage: npx tsx src/tooling/plan-offline.ts [--out cdktf.out] [--verbose] [--keep] [stack ...]";
const AWS_PROVIDER = normalizeProviderAddress("hashicorp/aws");
const INIT_TIMEOUT_MS = 10 * 60 * 1000;
const PLAN_TIMEOUT_MS = 10 * 60 * 1000;

interface ProcessRun {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Environment for Terraform: the project's CLI config, and nothing from the user's AWS setup
 * (profiles, endpoint URLs, web identity), so only the override's fake credentials and the stub
 * are ever used. Proxy variables stay, for `terraform init` from a registry; the override gives the
 * provider its own proxy settings.
 */
export function offlineEnv(cliConfigFile: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const result = terraformEnv(cliConfigFile, env);
  for (const name of Object.keys(result)) {
    if (/^AWS_/i.test(name)) {
      delete result[name];
    }
  }
  result.AWS_EC2_METADATA_DISABLED = "true";
  return result;
}

/** Runs Terraform without blocking the event loop: the stub answers it from this process. */
function terraform(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number) {
  return new Promise<ProcessRun>((resolve) => {
    const child = spawn("terraform", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) => resolve({ ok: false, stdout: "", stderr: `Error: terraform: ${error.message}` }));
    child.on("close", (code, signal) => {
      const killed = signal ? `\nError: terraform ${args[0]} stopped by ${signal} (timeout ${timeoutMs / 1000}s?)` : "";
      resolve({
        ok: code === 0,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8") + killed,
      });
    });
  });
}

/** Copies a synthesized stack without Terraform's working files or state. */
function copyStack(from: string, to: string): void {
  fs.cpSync(from, to, {
    recursive: true,
    filter: (src) => {
      const name = path.basename(src);
      return (
        src === from || !(name.startsWith(".terraform") || name.endsWith(".tfstate") || name.includes(".tfstate."))
      );
    },
  });
}

/** Options for {@link planStack}. */
export interface PlanStackOptions {
  readonly stack: string;
  /** The synthesized stack directory (holding `cdk.tf.json`); only read. */
  readonly stackDir: string;
  /** Its parsed `cdk.tf.json`. */
  readonly stackJson: unknown;
  /** Where to copy it and plan; created. */
  readonly workDir: string;
  readonly stubUrl: string;
  /** Environment from {@link offlineEnv}. */
  readonly env: NodeJS.ProcessEnv;
  readonly mirroredProviders: readonly string[];
  /**
   * A Terraform state (v4 JSON) to plan against instead of an empty one: what a previous apply
   * left, for plans of a change rather than a first deploy.
   * @default - none: every resource is planned for creation
   */
  readonly priorState?: unknown;
  /**
   * Refresh the prior state from AWS before planning. The stub only answers plan-time calls, not
   * every resource's read, so plans against a `priorState` turn it off: the state is then the
   * account's truth.
   * @default true
   */
  readonly refresh?: boolean;
  /**
   * Save the plan and read its resource changes back (`terraform show -json`), for tests of the
   * requests the provider would send.
   * @default false
   */
  readonly showPlan?: boolean;
}

/** Plans one stack against the stub. Prints nothing; the caller reports the outcome. */
export async function planStack(options: PlanStackOptions): Promise<PlanOutcome> {
  const started = process.hrtime.bigint();
  const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
  const { stackJson } = options;
  const base = { stack: options.stack, diagnostics: [] };

  const others = requiredProviders(stackJson).filter((p) => p !== AWS_PROVIDER);
  if (others.length > 0) {
    const note = `needs ${others.map(displayProviderAddress).join(", ")}; only AWS can be stubbed offline`;
    return { ...base, result: "not planned", note, seconds: seconds() };
  }

  copyStack(options.stackDir, options.workDir);
  const override = renderOfflineOverride(stackJson, options.stubUrl);
  fs.writeFileSync(path.join(options.workDir, OVERRIDE_FILENAME), `${JSON.stringify(override, null, 2)}\n`);

  const init = await terraform(["init", "-input=false", "-no-color"], options.workDir, options.env, INIT_TIMEOUT_MS);
  if (!init.ok) {
    const failure = classifyInitFailure(init.stderr, options.mirroredProviders);
    const note = failure.kind === "providers-unavailable" ? describeUnavailable(failure.providers) : failure.message;
    return { ...base, result: "init failed", note, seconds: seconds() };
  }
  if (options.priorState !== undefined) {
    fs.writeFileSync(
      path.join(options.workDir, "terraform.tfstate"),
      `${JSON.stringify(options.priorState, null, 2)}\n`,
    );
  }
  const planArgs = ["plan", "-input=false", "-no-color", "-lock=false", `-refresh=${options.refresh ?? true}`, "-json"];
  if (options.showPlan) {
    planArgs.push(`-out=${SAVED_PLAN}`);
  }
  const plan = await terraform(planArgs, options.workDir, options.env, PLAN_TIMEOUT_MS);
  const output = parsePlanJson(plan.stdout);
  const failed = !plan.ok || output.counts === undefined;
  const note = failed && output.diagnostics.length === 0 ? plan.stderr.trim() || "(no output)" : undefined;
  const resourceChanges = options.showPlan && !failed ? await showSavedPlan(options.workDir, options.env) : undefined;
  return {
    ...base,
    result: failed ? "plan failed" : "planned",
    // A failed plan still reports what it had planned so far; that count means nothing.
    counts: failed ? undefined : output.counts,
    diagnostics: output.diagnostics,
    note,
    resourceChanges,
    seconds: seconds(),
  };
}

const SAVED_PLAN = "tfplan";

/** The resource changes of the plan saved in `workDir`. */
async function showSavedPlan(workDir: string, env: NodeJS.ProcessEnv) {
  const show = await terraform(["show", "-json", "-no-color", SAVED_PLAN], workDir, env, PLAN_TIMEOUT_MS);
  if (!show.ok) {
    throw new Error(`terraform show of the saved plan failed: ${show.stderr.trim()}`);
  }
  return parseResourceChanges(show.stdout);
}

/** A stack to plan: the manifest's entry and its parsed `cdk.tf.json`. */
interface StackToPlan extends SynthesizedStack {
  readonly stackJson: unknown;
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseStackArgs(argv, ["verbose", "keep"], USAGE);
  const stacks: StackToPlan[] = selectStacks(readManifest(args.outDir), args.stacks).map((s) => ({
    ...s,
    stackJson: readJson(s.file),
  }));
  const projectRoot = path.resolve(__dirname, "..", "..");
  const cli = writeCliConfig({ projectRoot, env: process.env, pluginCache: true, fileName: "plan-offline.tfrc" });
  const env = offlineEnv(cli.path, process.env);
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "titan-plan-offline-"));
  const stub = await startAwsStub({
    inventory: inventoryFromStacks(stacks.map((s) => s.stackJson)),
    log: args.flags.verbose ? (line) => console.log(`    stub: ${line}`) : undefined,
  });
  console.log(`aws stub on ${stub.url}; working copies in ${tmpRoot}`);

  const outcomes: PlanOutcome[] = [];
  try {
    for (const s of stacks) {
      console.log(`\n== ${s.name}`);
      const outcome = await planOne(s, tmpRoot, stub, env, cli.mirroredProviders);
      outcomes.push(outcome);
    }
  } finally {
    await stub.close();
    if (!args.flags.keep) {
      fs.rmSync(tmpRoot, { recursive: true, force: true });
    }
  }
  console.log(`\n${formatPlanSummary(outcomes)}`);
  console.log(formatStubCalls(stub.calls).join("\n"));
  const failed = outcomes.some((o) => o.result === "plan failed" || o.result === "init failed");
  return failed || stub.calls.some((c) => !c.handled) ? 1 : 0;
}

async function planOne(
  s: StackToPlan,
  tmpRoot: string,
  stub: AwsStub,
  env: NodeJS.ProcessEnv,
  mirroredProviders: readonly string[],
): Promise<PlanOutcome> {
  let outcome: PlanOutcome;
  try {
    const workDir = path.join(tmpRoot, s.name);
    const stubUrl = stub.url;
    outcome = await planStack({
      stack: s.name,
      stackDir: s.dir,
      stackJson: s.stackJson,
      workDir,
      stubUrl,
      env,
      mirroredProviders,
    });
  } catch (error) {
    outcome = { stack: s.name, result: "plan failed", diagnostics: [], note: (error as Error).message, seconds: 0 };
  }
  console.log(formatOutcome(outcome, s.stackJson).join("\n"));
  return outcome;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      if (error instanceof UserError) {
        process.exitCode = reportUserError(error);
        return;
      }
      console.error(`plan-offline: ${error.message}\n${USAGE}`);
      process.exitCode = 1;
    },
  );
}
