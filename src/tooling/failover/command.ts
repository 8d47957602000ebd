/**
 * One runbook command: for each move it runs, the targets (from the stacks synthesized with the
 * writer where the move takes it), the budget it is measured against (from the stacks with the
 * writer where it is now), the steps, and what to apply afterwards.
 */
import * as fs from "node:fs";
import { App } from "cdktf";
import { buildTitan } from "../../app";
import {
  ConfigFileError,
  ConfigValidationError,
  loadConfigFromEnvironment,
  type RegionRole,
  type TitanConfig,
} from "../../config";
import { computeBudget } from "../dr/budget";
import { readSynthesizedStacks, renderStacks, SynthesizedStackError, type SynthesizedStacks } from "../dr/synthesized";
import { formatSeconds, type Scenario } from "../dr/terms";
import { UserError } from "../synthesized-stacks";
import type { AwsClients } from "./aws/clients";
import { Lookups } from "./lookups";
import { DESTINATION, followUps, otherRole, steps } from "./procedures";
import { RunbookFailed, runSteps, type StepRecord } from "./runner";
import type { Move, Runtime, Step, StepContext } from "./step";
import { scenarioOf, summarize } from "./summary";
import { type RecoveryTargets, recoveryTargets } from "./targets";

export const COMMANDS = ["plan", "switchover", "failover", "failback"] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliOptions {
  readonly command: Command;
  readonly dryRun: boolean;
  readonly allowDataLoss: boolean;
  readonly maxLagSeconds: number;
  readonly out?: string;
  readonly log?: string;
}

export interface Environment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clients: AwsClients;
  readonly runtime: Runtime;
  /** The stacks `config` synthesizes. @default - rendered in process, as synth writes them */
  readonly synthesize?: (config: TitanConfig) => SynthesizedStacks;
}

/** Every stack of `config`, as `cdk.tf.json` would hold it. */
export function synthesizeInProcess(config: TitanConfig): SynthesizedStacks {
  const app = new App();
  buildTitan(app, config);
  return renderStacks(app);
}

function withWriterIn(config: TitanConfig, role: RegionRole): TitanConfig {
  return { ...config, dr: { ...config.dr, activeRole: role } };
}

/** The moves a command runs: `plan` shows those open from where the config puts the writer. */
function movesFor(command: Command, config: TitanConfig): Move[] {
  if (command !== "plan") {
    return [command];
  }
  return config.dr.activeRole === "primary" ? ["switchover", "failover"] : ["failback"];
}

function loadConfig(env: Environment["env"]): TitanConfig {
  try {
    return loadConfigFromEnvironment(env);
  } catch (error) {
    if (error instanceof ConfigFileError || error instanceof ConfigValidationError) {
      throw new UserError(error.message);
    }
    throw error;
  }
}

interface PreparedMove {
  readonly move: Move;
  readonly ctx: StepContext;
  readonly steps: readonly Step[];
  readonly scenario?: Scenario;
  readonly rpoSeconds: number | null;
}

function prepare(move: Move, config: TitanConfig, options: CliOptions, environment: Environment): PreparedMove {
  const to = DESTINATION[move];
  const from = otherRole(to);
  const synthesize = environment.synthesize ?? synthesizeInProcess;
  let targets: RecoveryTargets;
  try {
    const target = withWriterIn(config, to);
    targets = recoveryTargets(options.out ? readSynthesizedStacks(options.out) : synthesize(target), target);
  } catch (error) {
    // A synth output from another config, or without what the runbook acts on: the operator's to fix.
    throw error instanceof SynthesizedStackError || error instanceof UserError
      ? new UserError(`cannot ${move}: ${error.message}`)
      : error;
  }
  const source = withWriterIn(config, from);
  // The budget is the config's own (rendered in process): an --out synth holds only the target's stacks.
  const budget = computeBudget(source, synthesize(source));
  const ctx: StepContext = {
    targets,
    from,
    to,
    clients: environment.clients,
    lookups: new Lookups(targets, environment.clients),
    runtime: environment.runtime,
    choices: { allowDataLoss: options.allowDataLoss, maxLagSeconds: options.maxLagSeconds },
  };
  return { move, ctx, steps: steps(move, ctx), scenario: scenarioOf(budget, move), rpoSeconds: budget.rpoSeconds };
}

function announce(prepared: PreparedMove, config: TitanConfig, where: string): void {
  const { move, ctx, scenario } = prepared;
  const print = ctx.runtime.print;
  const flag = move === "failover" ? " --allow-data-loss" : "";
  print("");
  print(`== ${move}: the writer from ${ctx.from} to ${ctx.to}  (npm run failover -- ${move}${flag})`);
  if (scenario) {
    const rpo = move === "failover" ? `${prepared.rpoSeconds ?? "unbounded"} s of Aurora writes` : "nothing lost";
    print(
      `   budget: ${formatSeconds(scenario.rtoSeconds)}, ${scenario.measures} (critical path: ${scenario.criticalPath}); RPO: ${rpo}`,
    );
  }
  if (config.dr.activeRole !== ctx.to) {
    print(`   before running it: set dr.activeRole to "${ctx.to}" in ${where}`);
  }
}

function writeLog(file: string | undefined, records: readonly StepRecord[]): void {
  if (file) {
    fs.appendFileSync(file, records.map((record) => `${JSON.stringify(record)}\n`).join(""));
  }
}

/** Runs one move: 0 when done, 1 when refused or failed (the log and the message say which). */
async function runMove(
  prepared: PreparedMove,
  options: CliOptions,
  live: boolean,
  records: StepRecord[],
): Promise<number> {
  const { move, ctx } = prepared;
  // Without --allow-data-loss a failover still runs its checks: the lag they report is the decision.
  const refused = move === "failover" && !options.allowDataLoss && !options.dryRun;
  const run = refused
    ? prepared.steps.slice(
        0,
        prepared.steps.findIndex((step) => step.mutating),
      )
    : prepared.steps;
  try {
    records.push(...(await runSteps(run, ctx, { dryRun: options.dryRun, live })));
  } catch (error) {
    if (!(error instanceof RunbookFailed)) {
      throw error;
    }
    records.push(...error.records);
    ctx.runtime.print(error.message);
    return 1;
  }
  if (refused) {
    ctx.runtime.print(
      "refused: a failover loses whatever had not replicated (the lag above); run again with --allow-data-loss to go ahead",
    );
    return 1;
  }
  if (live && !options.dryRun) {
    for (const line of [...summarize(records, prepared.scenario), "next:", ...followUps(move).map((l) => `  ${l}`)]) {
      ctx.runtime.print(line);
    }
  }
  return 0;
}

/** Runs a command; returns the exit code (0 done, 1 refused or failed). */
export async function runCommand(options: CliOptions, environment: Environment): Promise<number> {
  const { runtime, clients } = environment;
  const config = loadConfig(environment.env);
  const where = environment.env.TITAN_CONFIG ?? "the default config";
  const live = await clients.hasCredentials();
  const dry = options.dryRun && options.command !== "plan" ? " (dry run)" : "";
  runtime.print(
    `titan failover runbook: ${options.command}${dry}; ${where} puts the writer in ${config.dr.activeRole} (dr.activeRole)`,
  );
  if (!live && !options.dryRun) {
    throw new UserError("no AWS credentials found: a move needs them (use --dry-run to see the steps without)");
  }
  if (!live) {
    runtime.print(
      "live checks skipped (no AWS credentials found): the global cluster's members, writer and synchronization, the replication lag, Route 53's view of both origins, the target region's current capacity, and the live records and sizes each change compares against; each step below says what it would look at",
    );
  }
  const records: StepRecord[] = [];
  let code = 0;
  for (const move of movesFor(options.command, config)) {
    if (!options.dryRun && config.dr.activeRole !== DESTINATION[move]) {
      throw new UserError(
        `${move} moves the writer to ${DESTINATION[move]}, but dr.activeRole in ${where} is "${config.dr.activeRole}": set it to "${DESTINATION[move]}" first. The runbook makes AWS match that config, so the plan and apply afterwards change nothing it did (README, "Disaster recovery").`,
      );
    }
    const prepared = prepare(move, config, options, environment);
    announce(prepared, config, where);
    code = Math.max(code, await runMove(prepared, options, live, records));
    if (code !== 0) {
      break;
    }
  }
  writeLog(options.log, records);
  return code;
}
