/**
 * Jest setupFiles entry: points every Terraform process spawned from a test
 * at the project's CLI config. cdktf's `Testing.toBeValidTerraform()` runs
 * `terraform init`/`validate` with `process.env`, so this is the only way to
 * keep tests independent of the developer's ~/.terraformrc and of a global
 * TF_PLUGIN_CACHE_DIR (which Terraform lets override the config file).
 */
import * as fs from "node:fs";
import { applyTerraformEnv, cliConfigPath, writeCliConfig } from "./src/tooling/terraform-cli";

const configFile = cliConfigPath(__dirname);
if (!fs.existsSync(configFile)) {
  // jest.global-setup.ts normally writes it; when it did not run (e.g. a config without globalSetup),
  // fall back to the setting that is safe for parallel workers: no shared plugin cache.
  writeCliConfig({ projectRoot: __dirname, env: process.env, pluginCache: false });
}
applyTerraformEnv(configFile, process.env);
