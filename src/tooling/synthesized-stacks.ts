/**
 * What the CLIs that run Terraform over each synthesized stack (`validate.ts`, `plan/cli.ts`)
 * share: the command line `[--out cdktf.out] [--flag ...] [stack ...]`, the stacks of the cdktf
 * manifest and the ones named on the command line, and the shape of their per-stack report.
 *
 * Mistakes a user can fix (a missing synth, an unknown stack name, a bad option) are thrown as
 * {@link UserError}, so each CLI prints them as one message with a meaningful exit code.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";

/** An expected failure: printed as one message, never with a stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    /** 2 for a usage mistake, 0 for `--help`. */
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * Prints a {@link UserError} (to stdout for `--help`, stderr otherwise) and returns its exit code.
 *
 * @throws the error itself when it is not a UserError: a bug, whose stack trace is wanted.
 */
export function reportUserError(error: unknown): number {
  if (!(error instanceof UserError)) {
    throw error;
  }
  (error.exitCode === 0 ? console.log : console.error)(error.message);
  return error.exitCode;
}

/**
 * Runs an npm script's `main` and sets the exit code: its result, or a {@link UserError}'s code
 * after printing it; any other error surfaces with its stack trace.
 */
export function runCliMain(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      process.exitCode = reportUserError(error);
    },
  );
}

/** A parsed stack CLI command line. */
export interface StackArgs<Flag extends string> {
  /** Absolute path of the synth output directory (`--out`). */
  readonly outDir: string;
  /** Stack names given; none means every stack. */
  readonly stacks: readonly string[];
  readonly flags: Readonly<Record<Flag, boolean>>;
}

/**
 * Parses `[--out cdktf.out] [--<flag> ...] [stack ...]`.
 *
 * @param flagNames - the CLI's own boolean options, each false unless given.
 * @throws UserError with the usage: exit code 0 for `--help`, 2 for an unknown option.
 */
export function parseStackArgs<Flag extends string>(
  argv: readonly string[],
  flagNames: readonly Flag[],
  usage: string,
): StackArgs<Flag> {
  const options: NonNullable<ParseArgsConfig["options"]> = {
    out: { type: "string", default: "cdktf.out" },
    help: { type: "boolean", short: "h", default: false },
  };
  for (const name of flagNames) {
    options[name] = { type: "boolean", default: false };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UserError(`${(error as Error).message}\n${usage}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    throw new UserError(usage, 0);
  }
  const flags = Object.fromEntries(flagNames.map((name) => [name, values[name] === true])) as Record<Flag, boolean>;
  return { outDir: path.resolve(String(values.out)), stacks: positionals, flags };
}

/** One stack of the cdktf manifest. */
export interface SynthesizedStack {
  readonly name: string;
  /** Absolute path of its working directory, where Terraform runs. */
  readonly dir: string;
  /** Absolute path of its configuration: `cdk.tf.json`, or `cdk.tf` when cdktf writes HCL. */
  readonly file: string;
}

/** Parses a JSON file, failing with a message that names it. */
export function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new UserError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** Every stack in `<outDir>/manifest.json`, in manifest order. */
export function readManifest(outDir: string): SynthesizedStack[] {
  const manifestPath = path.join(outDir, "manifest.json");
  if (!fs.existsSync(manifestPath)) {
    throw new UserError(`${manifestPath} not found; run \`cdktf synth\` first (or pass --out <dir>)`);
  }
  const manifest = readJson(manifestPath);
  const stacks =
    typeof manifest === "object" && manifest !== null && "stacks" in manifest ? manifest.stacks : undefined;
  if (typeof stacks !== "object" || stacks === null) {
    throw new UserError(`${manifestPath} has no "stacks" object; is it a cdktf manifest?`);
  }
  type ManifestEntry = { readonly workingDirectory?: unknown; readonly synthesizedStackPath?: unknown };
  return Object.entries(stacks as Record<string, ManifestEntry>).map(([name, s]) => {
    if (typeof s.workingDirectory !== "string" || typeof s.synthesizedStackPath !== "string") {
      throw new UserError(`stack ${name} in ${manifestPath} lacks workingDirectory/synthesizedStackPath`);
    }
    return { name, dir: path.resolve(outDir, s.workingDirectory), file: path.resolve(outDir, s.synthesizedStackPath) };
  });
}

/**
 * The stacks named on the command line, in manifest order; all of them when none is named.
 *
 * @throws UserError when the manifest is empty, and (exit code 2) naming every unknown stack.
 */
export function selectStacks(all: readonly SynthesizedStack[], wanted: readonly string[]): SynthesizedStack[] {
  if (all.length === 0) {
    throw new UserError("the manifest lists no stacks; nothing to do");
  }
  if (wanted.length === 0) {
    return [...all];
  }
  const unknown = wanted.filter((name) => !all.some((s) => s.name === name));
  if (unknown.length > 0) {
    const known = all.map((s) => s.name).join(", ");
    throw new UserError(`unknown stack(s): ${unknown.join(", ")} (synthesized stacks: ${known})`, 2);
  }
  return all.filter((s) => wanted.includes(s.name));
}

/** Indents every line of a stack's detail under its `== stack` heading. */
export function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}

/**
 * The summary table printed after the last stack: one row per stack, columns padded to fit, the
 * last one (seconds) right-aligned.
 */
export function formatStackTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const render = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [render(header), render(widths.map((w) => "-".repeat(w))), ...rows.map(render)];
}
