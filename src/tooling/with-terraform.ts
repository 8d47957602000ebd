/**
 * Runs a command (usually the cdktf CLI) with the project's own Terraform CLI config, so synth,
 * plan and deploy never depend on the user's ~/.terraformrc: the provider mirror when the machine
 * has one, the registry otherwise, and one shared plugin cache.
 *
 *   npx tsx src/tooling/with-terraform.ts cdktf deploy primary
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { terraformEnv, writeCliConfig } from "./terraform-cli";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: with-terraform <command> [args...]");
  process.exit(2);
}

const projectRoot = join(__dirname, "..", "..");
const written = writeCliConfig({ projectRoot, env: process.env, pluginCache: true, fileName: "cli.tfrc" });
const result = spawnSync(command, args, {
  stdio: "inherit",
  env: terraformEnv(written.path, process.env),
  // npm puts node_modules/.bin on PATH for scripts; resolve `cdktf` through it.
  shell: false,
});
if (result.error) {
  console.error(`titan: could not run ${command}: ${result.error.message}`);
  process.exit(127);
}
process.exit(result.status ?? 1);
