import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The buildspecs this repository ships, in `buildspecs/<name>.yml` at its root. */
export type BuildspecName = "build" | "deploy";

const BUILDSPEC_DIRECTORY = join(__dirname, "..", "..", "..", "buildspecs");

/** The path of a shipped buildspec, for tests and tooling that read the file itself. */
export function buildspecPath(name: BuildspecName): string {
  return join(BUILDSPEC_DIRECTORY, `${name}.yml`);
}

/**
 * A shipped buildspec's text, escaped so Terraform passes it to CodeBuild unchanged.
 *
 * WHY embedded: the pipeline's source is the app's repository on GitHub, not this one, so a
 * buildspec path would be looked up in the app's checkout. Embedding it at synth time keeps the
 * build and deploy steps reviewed and versioned with the infrastructure that grants them their
 * permissions. The shell's `${VAR}` and `%{` are Terraform template syntax in a JSON string, so
 * they are doubled (`$${`, `%%{`), which Terraform reads back as the literal text.
 */
export function embeddedBuildspec(name: BuildspecName): string {
  return escapeTerraformTemplate(readFileSync(buildspecPath(name), "utf8"));
}

/** `text` as a Terraform string literal: no interpolation (`${`) and no directive (`%{`). */
export function escapeTerraformTemplate(text: string): string {
  // Replacer functions, because a `$$` in a replacement string means one literal `$`.
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}
