/**
 * `terraform validate` of many stacks in one run: each stack becomes a child module of one root
 * configuration, so Terraform loads the provider's schema once instead of once per stack (the
 * schema load is most of a validate). Validation covers every module of a configuration, child
 * modules included, so each stack is held to the same checks as alone; only its backend is left
 * out (a child module's backend is ignored, and the test instances use a local one anyway).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type TerraformStack, Testing } from "cdktf";

/** One problem `terraform validate` reports. */
export interface ValidateDiagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
  /** The resource or block it is about, when Terraform says. */
  readonly context?: string;
}

/** What `terraform validate` reported for each stack, by the name it was given. */
export type ValidateReport = Readonly<Record<string, readonly ValidateDiagnostic[]>>;

interface RawDiagnostic {
  severity: "error" | "warning";
  summary: string;
  detail?: string;
  range?: { filename: string };
  snippet?: { context?: string };
}

function terraform(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync("terraform", args, { cwd, env: process.env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (run.error) {
    throw run.error;
  }
  return run;
}

/**
 * Validates `stacks` (name -> stack; names must be valid Terraform module names) in one
 * `terraform init` and one `terraform validate`, and returns each stack's diagnostics. A problem
 * Terraform reports outside any stack's directory fails the call itself.
 */
export function validateTogether(stacks: Readonly<Record<string, TerraformStack>>): ValidateReport {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "titan-validate-"));
  try {
    const modules: Record<string, { source: string }> = {};
    for (const [name, stack] of Object.entries(stacks)) {
      const { terraform: settings, ...config } = JSON.parse(Testing.synth(stack));
      const { backend: _backend, ...withoutBackend } = settings ?? {};
      fs.mkdirSync(path.join(root, name));
      // Pretty-printed, so a diagnostic's snippet is one line rather than the whole stack.
      fs.writeFileSync(
        path.join(root, name, "main.tf.json"),
        JSON.stringify({ ...config, terraform: withoutBackend }, null, 2),
      );
      modules[name] = { source: `./${name}` };
    }
    fs.writeFileSync(path.join(root, "main.tf.json"), JSON.stringify({ module: modules }, null, 2));

    const init = terraform(["init", "-backend=false", "-input=false", "-no-color"], root);
    if (init.status !== 0) {
      throw new Error(`terraform init failed:\n${init.stderr || init.stdout}`);
    }
    const validate = terraform(["validate", "-json", "-no-color"], root);
    const diagnostics = (JSON.parse(validate.stdout) as { diagnostics: RawDiagnostic[] }).diagnostics;
    const report: Record<string, ValidateDiagnostic[]> = Object.fromEntries(
      Object.keys(stacks).map((name) => [name, []]),
    );
    for (const raw of diagnostics) {
      const owner = raw.range?.filename.split(/[\\/]/)[0];
      if (owner === undefined || !(owner in report)) {
        throw new Error(`terraform validate: ${raw.severity} outside the stacks: ${raw.summary} ${raw.detail ?? ""}`);
      }
      report[owner].push({
        severity: raw.severity,
        summary: raw.summary,
        detail: raw.detail,
        context: raw.snippet?.context,
      });
    }
    return report;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The errors of one stack's diagnostics, as "summary: detail (context)" lines. */
export function errorsOf(diagnostics: readonly ValidateDiagnostic[]): string[] {
  return diagnostics
    .filter((diagnostic) => diagnostic.severity === "error")
    .map((d) => `${d.summary}: ${d.detail ?? ""}${d.context ? ` (${d.context})` : ""}`);
}
