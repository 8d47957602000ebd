/**
 * `npm run plan -- <stack ...|all> [--live] [--allow-destroy=<stack>:<address> ...] [--destroy]`
 *
 * Plans each stack and saves `cdktf.out/plans/<stack>/{plan.bin,plan.json,summary.md}`, plus
 * `cdktf.out/plans/summary.md` over all of them. Offline by default: a temporary copy of each
 * stack plans against a local stub of the AWS calls plan makes (src/tooling/aws-stub/), with fake
 * credentials and a local backend. `--live` plans the synthesized stack as it is, against its S3
 * backend with the caller's credentials; nothing is overridden.
 *
 * Exit codes: 0 every stack planned (or could not be planned offline, and says why); 1 a stack
 * failed to init or plan, or the stub was sent a call it cannot answer; 3 the stateful guard
 * refused a plan that destroys or replaces a resource holding data.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inventoryFromStacks, secretNamesInState } from "../aws-stub/inventory";
import { formatStubCalls, startAwsStub } from "../aws-stub/server";
import { readJson, readManifest, runCliMain, selectStacks, UserError } from "../synthesized-stacks";
import { writeCliConfig } from "../terraform-cli";
import { allowancesFor, type PlanArgs, parsePlanArgs, unusedAllowances } from "./args";
import { renderIndex } from "./index-summary";
import { formatOutcome, formatPlanSummary, type PlanOutcome } from "./outcome";
import { type PlanTarget, planStack } from "./plan-stack";
import { liveEnv, offlineEnv } from "./workspace";

/** Exit code of a plan the stateful guard refused. */
export const GUARD_EXIT_CODE = 3;

/** One stack to plan: the manifest's entry and its parsed `cdk.tf.json`. */
interface StackToPlan {
  readonly name: string;
  readonly dir: string;
  readonly stackJson: unknown;
}

/** The exit code for a run's outcomes. */
export function exitCodeFor(outcomes: readonly PlanOutcome[], stubMissed: boolean): number {
  if (stubMissed || outcomes.some((o) => o.result === "plan failed" || o.result === "init failed")) {
    return 1;
  }
  return outcomes.some((o) => o.result === "blocked") ? GUARD_EXIT_CODE : 0;
}

async function planAll(args: PlanArgs, stacks: readonly StackToPlan[], plansDir: string): Promise<number> {
  const projectRoot = path.resolve(__dirname, "..", "..", "..");
  const cli = writeCliConfig({ projectRoot, env: process.env, pluginCache: true, fileName: "plan.tfrc" });
  const outcomes: PlanOutcome[] = [];
  const planOne = async (s: StackToPlan, target: PlanTarget, env: NodeJS.ProcessEnv) => {
    console.log(`\n== ${s.name}`);
    let outcome: PlanOutcome;
    try {
      outcome = await planStack({
        stack: s.name,
        stackDir: s.dir,
        stackJson: s.stackJson,
        planDir: path.join(plansDir, s.name),
        target,
        env,
        mirroredProviders: cli.mirroredProviders,
        allowDestroy: allowancesFor(args.allowDestroy, s.name),
        destroy: args.destroy,
      });
    } catch (error) {
      if (error instanceof UserError) {
        throw error;
      }
      outcome = { stack: s.name, result: "plan failed", diagnostics: [], note: (error as Error).message, seconds: 0 };
    }
    console.log(formatOutcome(outcome, s.stackJson).join("\n"));
    outcomes.push(outcome);
  };

  let stubMissed = false;
  if (args.live) {
    for (const s of stacks) {
      await planOne(s, { kind: "live" }, liveEnv(cli.path, process.env));
    }
  } else {
    const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "titan-plan-"));
    const fresh = inventoryFromStacks(stacks.map((s) => s.stackJson));
    // Against a deployed state (--state), the state's secrets exist: its ephemeral reads open them.
    const priorState = args.stateFile === undefined ? undefined : JSON.parse(fs.readFileSync(args.stateFile, "utf8"));
    const stub = await startAwsStub({
      inventory: { ...fresh, secretNames: [...fresh.secretNames, ...secretNamesInState(priorState)] },
      log: args.verbose ? (line) => console.log(`    stub: ${line}`) : undefined,
    });
    console.log(`aws stub on ${stub.url}; working copies in ${tmpRoot}`);
    try {
      for (const s of stacks) {
        const workDir = path.join(tmpRoot, s.name);
        await planOne(
          s,
          { kind: "offline", workDir, stubUrl: stub.url, priorStateFile: args.stateFile },
          offlineEnv(cli.path, process.env),
        );
      }
    } finally {
      await stub.close();
      if (!args.keep) {
        fs.rmSync(tmpRoot, { recursive: true, force: true });
      }
    }
    console.log(`\n${formatStubCalls(stub.calls).join("\n")}`);
    stubMissed = stub.calls.some((c) => !c.handled);
  }

  fs.writeFileSync(path.join(plansDir, "summary.md"), renderIndex(outcomes, args.live ? "live" : "offline"));
  console.log(`\n${formatPlanSummary(outcomes)}`);
  for (const unused of unusedAllowances(args.allowDestroy, outcomes)) {
    console.log(`warning: --allow-destroy=${unused} matched nothing this plan destroys or replaces`);
  }
  console.log(`plans and summaries in ${plansDir}`);
  return exitCodeFor(outcomes, stubMissed);
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parsePlanArgs(argv);
  const all = readManifest(args.outDir);
  const selected = selectStacks(all, args.stacks);
  const stacks = selected.map((s) => ({ name: s.name, dir: s.dir, stackJson: readJson(s.file) }));
  args.validateAgainst(stacks.map((s) => s.name));
  return planAll(args, stacks, path.join(args.outDir, "plans"));
}

if (require.main === module) {
  runCliMain(main);
}
