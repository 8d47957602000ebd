/**
 * `npm run apply -- <stack>`: applies the live plan `npm run plan -- <stack> --live` saved, and
 * nothing else. What a reviewer approved is what changes: Terraform refuses a saved plan whose
 * state moved on since (a stale plan), and this refuses an offline plan or one the stateful guard
 * blocked.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { readManifest, reportUserError, selectStacks, UserError } from "../synthesized-stacks";
import { writeCliConfig } from "../terraform-cli";
import { PLAN_FILES, type PlanMeta } from "./plan-stack";
import { assertLivePlannable, liveEnv } from "./workspace";

const USAGE = "usage: npm run apply -- <stack> [--out cdktf.out]";

/**
 * The saved plan of `stack`, checked: live, and not blocked by the stateful guard.
 *
 * @throws UserError naming what to do instead.
 */
export function approvedPlan(plansDir: string, stack: string): { planFile: string; meta: PlanMeta } {
  const dir = path.join(plansDir, stack);
  const metaFile = path.join(dir, PLAN_FILES.meta);
  const planFile = path.join(dir, PLAN_FILES.plan);
  if (!fs.existsSync(metaFile) || !fs.existsSync(planFile)) {
    throw new UserError(`${stack}: no saved plan in ${dir}; run \`npm run plan -- ${stack} --live\` first`);
  }
  const meta = JSON.parse(fs.readFileSync(metaFile, "utf8")) as PlanMeta;
  if (meta.stack !== stack) {
    throw new UserError(`${metaFile} is the plan of ${meta.stack}, not ${stack}`);
  }
  if (meta.mode !== "live") {
    throw new UserError(
      `${stack}: the saved plan is an offline plan against the AWS stub, for review only; plan it with \`npm run plan -- ${stack} --live\``,
    );
  }
  if (meta.blocked.length > 0) {
    throw new UserError(
      `${stack}: the stateful guard blocked this plan (${meta.blocked.join(", ")}); plan again with --allow-destroy if losing them is intended`,
    );
  }
  return { planFile, meta };
}

function main(argv: readonly string[]): number {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: { out: { type: "string" } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UserError(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (parsed.positionals.length !== 1) {
    throw new UserError(`apply one stack at a time, in the deploy order\n${USAGE}`, 2);
  }
  const outDir = path.resolve(String(parsed.values.out ?? "cdktf.out"));
  const [stack] = selectStacks(readManifest(outDir), parsed.positionals);
  const { planFile } = approvedPlan(path.join(outDir, "plans"), stack.name);
  assertLivePlannable(stack.name, stack.dir);

  const projectRoot = path.resolve(__dirname, "..", "..", "..");
  const cli = writeCliConfig({ projectRoot, env: process.env, pluginCache: true, fileName: "plan.tfrc" });
  const env = liveEnv(cli.path, process.env);
  const run = (args: string[]) => spawnSync("terraform", args, { cwd: stack.dir, env, stdio: "inherit" });
  const init = run(["init", "-input=false", "-no-color"]);
  if (init.status !== 0) {
    return init.status ?? 1;
  }
  const apply = run(["apply", "-input=false", "-no-color", planFile]);
  return apply.status ?? 1;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.exitCode = reportUserError(error);
  }
}
