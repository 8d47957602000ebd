import { spawn } from "node:child_process";

/** The result of one Terraform command. */
export interface ProcessRun {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs Terraform without blocking the event loop: during an offline plan the AWS stub answers it
 * from this very process. A missing binary or a timeout is reported as a failed run, never thrown.
 */
export function runTerraform(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<ProcessRun> {
  return new Promise<ProcessRun>((resolve) => {
    const child = spawn("terraform", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) => resolve({ ok: false, stdout: "", stderr: `Error: terraform: ${error.message}` }));
    child.on("close", (code, signal) => {
      const killed = signal ? `\nError: terraform ${args[0]} stopped by ${signal} (timeout ${timeoutMs / 1000}s?)` : "";
      resolve({
        ok: code === 0,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8") + killed,
      });
    });
  });
}
