import { ConfigValidationError, resolveConfig } from "../../src/config";

/** The problems resolveConfig reports for `overrides`, as "path: message" lines. */
export function problemsOf(overrides: unknown): string[] {
  try {
    resolveConfig(overrides, "test");
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      return error.problems.map((problem) => `${problem.path}: ${problem.message}`);
    }
    throw error;
  }
  return [];
}
