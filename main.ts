/**
 * Composition root: the only place that reads the environment. Config is loaded and validated
 * before any stack exists, so a bad config exits non-zero having written nothing.
 */
import { App } from "cdktf";
import { buildTitan } from "./src/app";
import { ConfigFileError, ConfigValidationError, loadConfigFile, resolveConfig, type TitanConfig } from "./src/config";

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

const app = new App();
buildTitan(app, config);
app.synth();
