/**
 * `npm run failover -- <plan|switchover|failover|failback> [--dry-run] [--allow-data-loss]`
 *
 * The failover runbook on the AWS SDK v3. It acts on the stacks synthesized from the config
 * (`TITAN_CONFIG`, else the defaults), and a move runs only once that config already says where
 * the writer is going (`dr.activeRole`): the runbook makes AWS match the config ahead of the
 * apply, so the apply afterwards changes nothing it did. `plan` shows the checks and steps of the
 * moves open from the current config, with the recovery budget, and never changes anything.
 */
import { promises as dns } from "node:dns";
import { parseArgs } from "node:util";
import { reportUserError, UserError } from "../synthesized-stacks";
import { AwsClients } from "./aws/clients";
import { type CliOptions, COMMANDS, type Command, runCommand } from "./command";
import type { Runtime } from "./step";

const USAGE = [
  "usage: npm run failover -- <plan|switchover|failover|failback> [options]",
  "  plan          the checks and steps of the moves open from the config, and the budget; changes nothing",
  "  switchover    planned move of the writer to dr (nothing lost)",
  "  failover      us-east-2 lost: FailoverGlobalCluster to dr, losing what had not replicated",
  "  failback      planned move back to primary, once its cluster has rejoined as a secondary",
  "options:",
  "  --dry-run               decide every step with read-only calls; make no change",
  "  --allow-data-loss       required by failover (AllowDataLoss)",
  "  --max-lag-seconds <n>   refuse a switchover while the target lags more (default 60)",
  "  --out <dir>             act on this synth output instead of synthesizing the config in process",
  "  --log <file>            also write every step's record as JSON lines",
].join("\n");

export function parseCli(argv: readonly string[]): CliOptions {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        "dry-run": { type: "boolean", default: false },
        "allow-data-loss": { type: "boolean", default: false },
        "max-lag-seconds": { type: "string", default: "60" },
        out: { type: "string" },
        log: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UserError(`${(error as Error).message}\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    throw new UserError(USAGE, 0);
  }
  const command = positionals[0] as Command;
  if (positionals.length !== 1 || !COMMANDS.includes(command)) {
    throw new UserError(`expected one command, got ${JSON.stringify(positionals)}\n${USAGE}`, 2);
  }
  const maxLagSeconds = Number(values["max-lag-seconds"]);
  if (!Number.isFinite(maxLagSeconds) || maxLagSeconds < 0) {
    throw new UserError(`--max-lag-seconds must be a number of seconds, got "${values["max-lag-seconds"]}"`, 2);
  }
  return {
    command,
    dryRun: values["dry-run"] === true || command === "plan",
    allowDataLoss: values["allow-data-loss"] === true,
    maxLagSeconds,
    out: values.out as string | undefined,
    log: values.log as string | undefined,
  };
}

if (require.main === module) {
  const runtime: Runtime = {
    now: () => Date.now(),
    sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
    print: (line) => console.log(line),
    resolveCname: (name) => dns.resolveCname(name),
  };
  Promise.resolve()
    .then(() => runCommand(parseCli(process.argv.slice(2)), { env: process.env, clients: new AwsClients(), runtime }))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        process.exitCode = reportUserError(error);
      },
    );
}
