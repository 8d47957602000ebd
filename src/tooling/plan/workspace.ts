/**
 * Where and with what environment Terraform plans a stack, offline or live.
 *
 * Offline: a temporary copy of the synthesized stack with an override file (local backend, fake
 * credentials, the stub as every endpoint) and an environment stripped of the user's AWS setup.
 * Live: the synthesized stack directory itself, its S3 backend and the caller's environment as it
 * is; nothing is written into it but Terraform's own `.terraform` directory.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { OVERRIDE_FILENAME, renderOfflineOverride } from "../aws-stub/override";
import { UserError } from "../synthesized-stacks";
import { terraformEnv } from "../terraform-cli";

/** Name of the state file an offline plan reads, inside its working copy (the override's local backend). */
export const OFFLINE_STATE_FILENAME = "terraform.tfstate";

/**
 * Environment for an offline plan: the project's CLI config, and nothing from the user's AWS setup
 * (profiles, endpoint URLs, web identity), so only the override's fake credentials and the stub
 * are ever used. Proxy variables stay, for `terraform init` from a registry; the override gives the
 * provider its own proxy settings.
 */
export function offlineEnv(cliConfigFile: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const result = terraformEnv(cliConfigFile, env);
  for (const name of Object.keys(result)) {
    if (/^AWS_/i.test(name)) {
      delete result[name];
    }
  }
  result.AWS_EC2_METADATA_DISABLED = "true";
  return result;
}

/**
 * Environment for a live plan or apply: the caller's, AWS variables included (profile, region, web
 * identity from GitHub's OIDC), with only the project's Terraform CLI config added.
 */
export function liveEnv(cliConfigFile: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return terraformEnv(cliConfigFile, env);
}

/** Copies a synthesized stack without Terraform's working files or state. */
function copyStack(from: string, to: string): void {
  fs.cpSync(from, to, {
    recursive: true,
    filter: (src) => {
      const name = path.basename(src);
      return (
        src === from || !(name.startsWith(".terraform") || name.endsWith(".tfstate") || name.includes(".tfstate."))
      );
    },
  });
}

/** Options for {@link prepareOfflineCopy}. */
export interface OfflineCopyOptions {
  /** The synthesized stack directory; only read. */
  readonly stackDir: string;
  readonly stackJson: unknown;
  /** Created; must not exist. */
  readonly workDir: string;
  readonly stubUrl: string;
  /** A state file to plan against (e.g. pulled from the real backend); copied in, never written back. */
  readonly priorStateFile?: string;
}

/** Makes the offline working copy of a stack: the stack, the override and optionally a prior state. */
export function prepareOfflineCopy(options: OfflineCopyOptions): void {
  copyStack(options.stackDir, options.workDir);
  const override = renderOfflineOverride(options.stackJson, options.stubUrl);
  fs.writeFileSync(path.join(options.workDir, OVERRIDE_FILENAME), `${JSON.stringify(override, null, 2)}\n`);
  if (options.priorStateFile !== undefined) {
    fs.copyFileSync(options.priorStateFile, path.join(options.workDir, OFFLINE_STATE_FILENAME));
  }
}

/**
 * Override files Terraform would merge into a live plan (`override.tf.json`, `*_override.tf`):
 * a live plan must be exactly the synthesized configuration.
 */
export function overrideFilesIn(stackDir: string): string[] {
  return fs
    .readdirSync(stackDir)
    .filter((name) => /^override\.tf(\.json)?$/.test(name) || /_override\.tf(\.json)?$/.test(name))
    .sort();
}

/**
 * Checks that a synthesized stack can be planned live exactly as synthesized.
 *
 * @throws UserError when override files would alter it.
 */
export function assertLivePlannable(stack: string, stackDir: string): void {
  const overrides = overrideFilesIn(stackDir);
  if (overrides.length > 0) {
    throw new UserError(
      `${stack}: ${stackDir} holds override files (${overrides.join(", ")}); a live plan must be the synthesized configuration alone: remove them and synth again`,
    );
  }
}
