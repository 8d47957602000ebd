/**
 * Composition root: the only place that reads the environment. Config is loaded and validated
 * before any stack exists, and the policy pack judges every stack before any is written, so a bad
 * config or a policy violation exits non-zero having written nothing.
 */
import { App } from "cdktf";
import { buildTitan } from "./src/app";
import {
  ConfigFileError,
  ConfigValidationError,
  configWarnings,
  loadConfigFile,
  resolveConfig,
  type TitanConfig,
} from "./src/config";
import { checkPolicy, formatViolations } from "./src/policy";

function loadConfig(): TitanConfig {
  const file = process.env.TITAN_CONFIG;
  return file ? loadConfigFile(file) : resolveConfig();
}

let config: TitanConfig;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigFileError || error instanceof ConfigValidationError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

for (const warning of configWarnings(config, new Date())) {
  console.error(`titan: warning: ${warning}`);
}

const app = new App();
buildTitan(app, config);
const { violations } = checkPolicy(app);
if (violations.length > 0) {
  console.error(formatViolations(violations));
  process.exit(1);
}
app.synth();
