/**
 * The command line of `npm run plan`, parsed and checked before anything runs: a mistake a user
 * can fix is a {@link UserError} (exit code 2) naming the option.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { UserError } from "../synthesized-stacks";
import type { PlanOutcome } from "./outcome";

export const PLAN_USAGE = [
  "usage: npm run plan -- <stack ...|all> [--live] [--allow-destroy=<stack>:<address> ...] [--destroy]",
  "                         [--state=<terraform.tfstate>] [--out cdktf.out] [--verbose] [--keep]",
  "  --live             plan against the stack's S3 backend with your AWS credentials (default: offline stub)",
  "  --destroy          plan the destruction of the stacks (teardown review); accepts losing what they hold",
  "  --allow-destroy    accept that the plan destroys or replaces this stateful resource (repeatable);",
  "                     <stack>: may be left out when one stack is planned",
  "  --state            offline only, one stack: plan against this state file (e.g. `terraform state pull`)",
].join("\n");

/** A reviewer's acceptance that one stateful resource is destroyed or replaced. */
export interface Allowance {
  /** The stack it applies to; undefined when one stack is planned and the flag named none. */
  readonly stack?: string;
  /** The Terraform address, exactly as the plan names it. */
  readonly address: string;
  /** As typed, for messages. */
  readonly raw: string;
}

/** A parsed `npm run plan` command line. */
export interface PlanArgs {
  readonly outDir: string;
  /** Stack names; empty for `all`. */
  readonly stacks: readonly string[];
  readonly live: boolean;
  readonly destroy: boolean;
  readonly verbose: boolean;
  readonly keep: boolean;
  readonly allowDestroy: readonly Allowance[];
  readonly stateFile?: string;
  /** Checks the allowances and `--state` against the stacks actually selected. */
  validateAgainst(selected: readonly string[]): void;
}

function usageError(message: string): UserError {
  return new UserError(`${message}\n${PLAN_USAGE}`, 2);
}

/** Parses `--allow-destroy` values: `<stack>:<address>` or a bare address. */
export function parseAllowance(raw: string): Allowance {
  const scoped = /^([A-Za-z0-9_-]+):([^[].*)$/.exec(raw);
  const allowance = scoped ? { stack: scoped[1], address: scoped[2], raw } : { address: raw, raw };
  if (!/^[A-Za-z0-9_]+\.[A-Za-z0-9_-]+/.test(allowance.address)) {
    throw usageError(
      `--allow-destroy=${raw}: expected a Terraform address such as primary:aws_rds_cluster.Aurora_2CBAB212 (copy it from the plan's summary.md)`,
    );
  }
  return allowance;
}

/**
 * Parses the command line.
 *
 * @throws UserError with the usage: exit code 0 for `--help`, 2 for a mistake.
 */
export function parsePlanArgs(argv: readonly string[]): PlanArgs {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    throw new UserError(PLAN_USAGE, 0);
  }
  if (positionals.length === 0) {
    throw usageError("name the stacks to plan, or `all`");
  }
  if (positionals.includes("all") && positionals.length > 1) {
    throw usageError(`\`all\` plans every stack; do not name others beside it (got ${positionals.join(" ")})`);
  }
  const live = values.live ?? false;
  const stateFile = stateFileOption(values.state, live);
  const allowDestroy = (values["allow-destroy"] ?? []).map(parseAllowance);
  return {
    outDir: path.resolve(values.out ?? "cdktf.out"),
    stacks: positionals.includes("all") ? [] : positionals,
    live,
    destroy: values.destroy ?? false,
    verbose: values.verbose ?? false,
    keep: values.keep ?? false,
    allowDestroy,
    stateFile,
    validateAgainst(selected) {
      if (stateFile !== undefined && selected.length !== 1) {
        throw usageError(`--state applies to one stack; ${selected.length} are selected`);
      }
      for (const allowance of allowDestroy) {
        if (allowance.stack === undefined && selected.length !== 1) {
          throw usageError(
            `--allow-destroy=${allowance.raw}: name the stack (<stack>:${allowance.address}) when planning several; primary and dr share addresses`,
          );
        }
        if (allowance.stack !== undefined && !selected.includes(allowance.stack)) {
          throw usageError(
            `--allow-destroy=${allowance.raw}: stack ${allowance.stack} is not being planned (${selected.join(", ")})`,
          );
        }
      }
    },
  };
}

/** The resolved `--state` file. */
function stateFileOption(value: string | undefined, live: boolean): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (live) {
    throw usageError("--state is for offline plans; a live plan reads the stack's own backend");
  }
  const file = path.resolve(value);
  if (!fs.existsSync(file)) {
    throw usageError(`--state=${value}: no such file`);
  }
  return file;
}

const OPTIONS = {
  out: { type: "string" },
  live: { type: "boolean" },
  destroy: { type: "boolean" },
  verbose: { type: "boolean" },
  keep: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  "allow-destroy": { type: "string", multiple: true },
  state: { type: "string" },
} as const;

/** The addresses allowed in `stack`. */
export function allowancesFor(allowances: readonly Allowance[], stack: string): string[] {
  return allowances.filter((a) => a.stack === undefined || a.stack === stack).map((a) => a.address);
}

/** Allowances that matched no destroyed or replaced stateful resource: stale, or a typo. */
export function unusedAllowances(allowances: readonly Allowance[], outcomes: readonly PlanOutcome[]): string[] {
  return allowances
    .filter(
      (a) =>
        !outcomes.some(
          (o) => (a.stack === undefined || a.stack === o.stack) && (o.allowedAddresses ?? []).includes(a.address),
        ),
    )
    .map((a) => a.raw);
}
