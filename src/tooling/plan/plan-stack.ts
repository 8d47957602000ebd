/**
 * Plans one synthesized stack and saves what a reviewer keeps: `plan.bin` (the saved plan),
 * `plan.json` (`terraform show -json` of it), `summary.md` and `plan-meta.json` (how it was made,
 * read by `npm run apply`). Prints nothing; the caller reports the outcome.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { classifyInitFailure, describeUnavailable } from "../init-failure";
import { displayProviderAddress, normalizeProviderAddress, requiredProviders } from "../validate-report";
import { describeFinding, type GuardResult, guardChanges } from "./guard";
import { type PlanOutcome, parsePlanJson } from "./outcome";
import { parsePlan } from "./plan-json";
import { type PlanMode, renderSummary, summarizePlan } from "./summary";
import { runTerraform } from "./terraform-process";
import { assertLivePlannable, prepareOfflineCopy } from "./workspace";

const AWS_PROVIDER = normalizeProviderAddress("hashicorp/aws");
const INIT_TIMEOUT_MS = 10 * 60 * 1000;
const PLAN_TIMEOUT_MS = 30 * 60 * 1000;

/** The files saved for a stack, under `cdktf.out/plans/<stack>/`. */
export const PLAN_FILES = {
  plan: "plan.bin",
  json: "plan.json",
  summary: "summary.md",
  meta: "plan-meta.json",
} as const;

/** `plan-meta.json`: how the saved plan was made. */
export interface PlanMeta {
  readonly stack: string;
  readonly mode: PlanMode;
  /** A `terraform plan -destroy`: everything in the stack goes. */
  readonly destroy?: boolean;
  /** Addresses the guard blocked; `npm run apply` refuses a plan with any. */
  readonly blocked: readonly string[];
  readonly allowed: readonly string[];
  /** Terraform's `applyable`: false when the plan changes nothing (the workflow then skips the apply). */
  readonly applyable: boolean;
  readonly terraformVersion?: string;
}

/** Where a stack is planned. */
export type PlanTarget =
  /** A temporary copy against the AWS stub; `priorStateFile` plans a change to an existing state. */
  | { readonly kind: "offline"; readonly workDir: string; readonly stubUrl: string; readonly priorStateFile?: string }
  /** The synthesized directory itself, its S3 backend and the caller's credentials. */
  | { readonly kind: "live" };

/** Options for {@link planStack}. */
export interface PlanStackOptions {
  readonly stack: string;
  /** The synthesized stack directory (holding `cdk.tf.json`). */
  readonly stackDir: string;
  readonly stackJson: unknown;
  /** `cdktf.out/plans/<stack>`: emptied, then written. */
  readonly planDir: string;
  readonly target: PlanTarget;
  /** From `offlineEnv` or `liveEnv`. */
  readonly env: NodeJS.ProcessEnv;
  readonly mirroredProviders: readonly string[];
  /** Addresses of stateful resources the reviewer accepts losing in this stack. */
  readonly allowDestroy: readonly string[];
  /**
   * Plan the destruction of the whole stack (`-destroy`): asking for it accepts losing every
   * resource, so the guard lists the stateful ones as allowed rather than blocking.
   * @default false
   */
  readonly destroy?: boolean;
}

function writeNotPlanned(planDir: string, stack: string, title: string, why: string): void {
  fs.writeFileSync(path.join(planDir, PLAN_FILES.summary), `# Plan: ${stack}\n\n**${title}**: ${why}\n`);
}

function planArgs(target: PlanTarget, planFile: string, destroy: boolean): string[] {
  const args = ["plan", "-input=false", "-no-color", "-json", `-out=${planFile}`, ...(destroy ? ["-destroy"] : [])];
  if (target.kind === "offline") {
    // No lock to take in a throwaway copy; a given state cannot be refreshed against the stub.
    args.push("-lock=false", `-refresh=${target.priorStateFile === undefined}`);
  }
  return args;
}

/** The directory Terraform runs in: a fresh offline copy, or the synthesized stack itself. */
function prepareWorkDir(options: PlanStackOptions): string {
  const { target } = options;
  if (target.kind === "offline") {
    prepareOfflineCopy({
      ...options,
      workDir: target.workDir,
      stubUrl: target.stubUrl,
      priorStateFile: target.priorStateFile,
    });
    return target.workDir;
  }
  assertLivePlannable(options.stack, options.stackDir);
  return options.stackDir;
}

/** `terraform init`; why it failed, or undefined. */
async function initialize(workDir: string, options: PlanStackOptions): Promise<string | undefined> {
  const init = await runTerraform(["init", "-input=false", "-no-color"], workDir, options.env, INIT_TIMEOUT_MS);
  if (init.ok) {
    return undefined;
  }
  const failure = classifyInitFailure(init.stderr, options.mirroredProviders);
  return failure.kind === "providers-unavailable" ? describeUnavailable(failure.providers) : failure.message;
}

/** Plans one stack into `planDir`. */
export async function planStack(options: PlanStackOptions): Promise<PlanOutcome> {
  const started = process.hrtime.bigint();
  const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
  const { stack, target, planDir } = options;
  const base = { stack, diagnostics: [] };
  fs.rmSync(planDir, { recursive: true, force: true });
  fs.mkdirSync(planDir, { recursive: true });

  const others = requiredProviders(options.stackJson).filter((p) => p !== AWS_PROVIDER);
  if (target.kind === "offline" && others.length > 0) {
    const note = `needs ${others.map(displayProviderAddress).join(", ")}; only AWS can be stubbed offline (plan it with --live)`;
    writeNotPlanned(planDir, stack, "Not planned", note);
    return { ...base, result: "not planned", note, seconds: seconds() };
  }

  const workDir = prepareWorkDir(options);
  const initFailure = await initialize(workDir, options);
  if (initFailure !== undefined) {
    writeNotPlanned(planDir, stack, "terraform init failed", initFailure);
    return { ...base, result: "init failed", note: initFailure, seconds: seconds() };
  }

  const planFile = path.join(planDir, PLAN_FILES.plan);
  const destroy = options.destroy ?? false;
  const plan = await runTerraform(planArgs(target, planFile, destroy), workDir, options.env, PLAN_TIMEOUT_MS);
  const output = parsePlanJson(plan.stdout);
  if (!plan.ok || output.counts === undefined || !fs.existsSync(planFile)) {
    const note = output.diagnostics.length === 0 ? plan.stderr.trim() || "(no output)" : undefined;
    writeNotPlanned(planDir, stack, "terraform plan failed", note ?? "see the diagnostics printed with the run");
    // A failed plan still reports what it had planned so far; that count means nothing.
    return { ...base, result: "plan failed", diagnostics: output.diagnostics, note, seconds: seconds() };
  }

  const review = await reviewSavedPlan(options, workDir, planFile, destroy);
  if (review.failure !== undefined) {
    writeNotPlanned(planDir, stack, "terraform show failed", review.failure);
    return { ...base, result: "plan failed", note: review.failure, seconds: seconds() };
  }
  const { guard } = review;
  return {
    ...base,
    result: guard.blocked.length > 0 ? "blocked" : "planned",
    counts: output.counts,
    diagnostics: output.diagnostics,
    guardLines: guardLines(guard),
    allowedAddresses: guard.allowed.map((finding) => finding.address),
    seconds: seconds(),
  };
}

/** Writes `plan.json`, `summary.md` and `plan-meta.json` for a saved plan; the guard's decision, or why it failed. */
async function reviewSavedPlan(
  options: PlanStackOptions,
  workDir: string,
  planFile: string,
  destroy: boolean,
): Promise<{ guard: GuardResult; failure?: undefined } | { failure: string }> {
  const { stack, planDir } = options;
  const shown = await runTerraform(["show", "-json", "-no-color", planFile], workDir, options.env, PLAN_TIMEOUT_MS);
  if (!shown.ok) {
    return { failure: `terraform show -json failed: ${shown.stderr.trim()}` };
  }
  fs.writeFileSync(path.join(planDir, PLAN_FILES.json), shown.stdout);
  const parsed = parsePlan(shown.stdout);
  const allowed = destroy ? parsed.changes.map((change) => change.address) : options.allowDestroy;
  const guard = guardChanges(parsed.changes, allowed);
  const mode: PlanMode = options.target.kind;
  fs.writeFileSync(
    path.join(planDir, PLAN_FILES.summary),
    renderSummary(summarizePlan(parsed), guard, { stack, mode, destroy, stackJson: options.stackJson }),
  );
  writeMeta(planDir, {
    stack,
    mode,
    destroy,
    guard,
    applyable: parsed.applyable,
    terraformVersion: parsed.terraformVersion,
  });
  return { guard };
}

function guardLines(guard: GuardResult): string[] {
  return [
    ...guard.blocked.map((finding) => describeFinding(finding)),
    ...guard.allowed.map((finding) => `allowed by --allow-destroy: ${describeFinding(finding)}`),
  ];
}

function writeMeta(
  planDir: string,
  meta: {
    stack: string;
    mode: PlanMode;
    destroy: boolean;
    guard: GuardResult;
    applyable: boolean;
    terraformVersion?: string;
  },
): void {
  const document: PlanMeta = {
    stack: meta.stack,
    mode: meta.mode,
    destroy: meta.destroy,
    blocked: meta.guard.blocked.map((finding) => finding.address),
    allowed: meta.guard.allowed.map((finding) => finding.address),
    applyable: meta.applyable,
    terraformVersion: meta.terraformVersion,
  };
  fs.writeFileSync(path.join(planDir, PLAN_FILES.meta), `${JSON.stringify(document, null, 2)}\n`);
}
