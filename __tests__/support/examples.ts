import { readdirSync } from "node:fs";
import { join } from "node:path";

/** The scenario configs in `examples/`, by file name. */
export const EXAMPLES_DIR = join(__dirname, "..", "..", "examples");

export function exampleFiles(): string[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((name) => name.endsWith(".json"))
    .sort();
}
