/**
 * `npm run dr:report`: the recovery budget of the current config, term by term with the source of
 * every number, as markdown (stdout) and JSON (`<write-dir>/budget.json`).
 *
 *   npm run dr:report [-- --json] [--out cdktf.out] [--write-dir cdktf.out/dr] [--readme README.md]
 *
 * The stacks are the ones synthesized from the config (`TITAN_CONFIG`, else the defaults), rendered
 * in process exactly as synth writes them, so the report also explains a config whose budget synth
 * refuses; `--out` reads an existing synth output instead. `--readme` rewrites README's budget
 * table. The DR invariants (src/tooling/dr/invariants/) are checked and listed after the budget.
 * Exits 1 when the budget misses `dr.rtoSeconds` or `dr.rpoSeconds` or an invariant is broken, 2 on
 * a usage mistake.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { App } from "cdktf";
import { buildTitan } from "../../app";
import { ConfigFileError, ConfigValidationError, loadConfigFromEnvironment } from "../../config";
import { reportUserError, UserError } from "../synthesized-stacks";
import { computeBudget } from "./budget";
import { DR_INVARIANTS, invariantViolations } from "./invariants";
import { replaceReadmeBudget } from "./readme";
import { renderBudgetJson, renderBudgetMarkdown, renderInvariants } from "./report";
import { readSynthesizedStacks, renderStacks } from "./synthesized";

const USAGE = "usage: npm run dr:report [-- --json] [--out <synth dir>] [--write-dir <dir>] [--readme <README.md>]";

function parse(argv: readonly string[]) {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        json: { type: "boolean", default: false },
        out: { type: "string" },
        "write-dir": { type: "string", default: path.join("cdktf.out", "dr") },
        readme: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      throw new UserError(USAGE, 0);
    }
    return values;
  } catch (error) {
    throw error instanceof UserError ? error : new UserError(`${(error as Error).message}\n${USAGE}`, 2);
  }
}

function main(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  const args = parse(argv);
  let config: ReturnType<typeof loadConfigFromEnvironment>;
  try {
    config = loadConfigFromEnvironment(env);
  } catch (error) {
    if (error instanceof ConfigFileError || error instanceof ConfigValidationError) {
      throw new UserError(error.message);
    }
    throw error;
  }
  const stacks = args.out
    ? readSynthesizedStacks(args.out)
    : renderStacks(
        (() => {
          const app = new App();
          buildTitan(app, config);
          return app;
        })(),
      );
  const budget = computeBudget(config, stacks);
  const violations = invariantViolations({ config, stacks });
  const markdown = renderBudgetMarkdown(budget);
  const json = renderBudgetJson(budget);
  console.log(args.json ? json : `${markdown}\n${renderInvariants(DR_INVARIANTS, violations)}`);
  fs.mkdirSync(args["write-dir"], { recursive: true });
  fs.writeFileSync(path.join(args["write-dir"], "budget.md"), markdown);
  fs.writeFileSync(path.join(args["write-dir"], "budget.json"), json);
  if (args.readme) {
    fs.writeFileSync(args.readme, replaceReadmeBudget(fs.readFileSync(args.readme, "utf8"), markdown));
  }
  return budget.exceeded.length > 0 || violations.length > 0 ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2), process.env);
} catch (error) {
  process.exitCode = reportUserError(error);
}
