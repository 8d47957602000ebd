/**
 * Composition root: the only place that reads the environment. Config is loaded and validated
 * before any stack exists, every construct validates its props as it is built, and the policy
 * pack and the recovery budget judge every stack before any is written, so a bad config, a prop a
 * construct refuses, a policy violation or a missed recovery target exits non-zero having written
 * nothing, with every problem listed and no stack trace. Anything else that throws is a bug in
 * titan, and keeps its stack trace.
 *
 * `--policy` (npm run policy) prints every rule's verdicts per stack and every suppression with
 * its reason, and writes nothing.
 */
import { App, TerraformStack } from "cdktf";
import { buildTitan } from "./src/app";
import {
  ConfigFileError,
  ConfigValidationError,
  configWarnings,
  loadConfigFromEnvironment,
  type TitanConfig,
} from "./src/config";
import { checkPolicy, formatPolicyReport, formatViolations } from "./src/policy";
import { computeBudget, RecoveryBudgetError } from "./src/tooling/dr/budget";
import { renderStacks } from "./src/tooling/dr/synthesized";
import { ConstructValidationError } from "./src/validation/construct-error";

/** Errors a user causes and can fix: printed as they are, never with a stack trace. */
const USER_ERRORS = [ConfigFileError, ConfigValidationError, ConstructValidationError];

function exitOnUserError(error: unknown): never {
  if (USER_ERRORS.some((type) => error instanceof type)) {
    console.error((error as Error).message);
    process.exit(1);
  }
  throw error;
}

let config: TitanConfig;
try {
  config = loadConfigFromEnvironment(process.env);
} catch (error) {
  exitOnUserError(error);
}

for (const warning of configWarnings(config, new Date())) {
  console.error(`titan: warning: ${warning}`);
}

const app = new App();
try {
  buildTitan(app, config);
} catch (error) {
  exitOnUserError(error);
}
const report = checkPolicy(app);
if (process.argv.includes("--policy")) {
  const stacks = app.node.children.filter((child) => TerraformStack.isStack(child)).map((stack) => stack.node.id);
  console.log(formatPolicyReport(report, stacks));
  process.exit(report.violations.length > 0 ? 1 : 0);
}
const { violations } = report;
if (violations.length > 0) {
  console.error(formatViolations(violations));
  process.exit(1);
}
const budget = computeBudget(config, renderStacks(app));
if (budget.exceeded.length > 0) {
  console.error(new RecoveryBudgetError(budget.exceeded).message);
  process.exit(1);
}
app.synth();
