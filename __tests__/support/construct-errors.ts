import { ConstructValidationError } from "../../src/validation/construct-error";

/**
 * The problems `build` is refused with, as "prop: message" lines (config paths where the
 * composition root named them); fails the test when `build` succeeds or throws anything else.
 */
export function constructProblems(build: () => unknown): string[] {
  try {
    build();
  } catch (error) {
    if (error instanceof ConstructValidationError) {
      return error.problems.map((problem) => `${problem.configPath ?? problem.prop}: ${problem.message}`);
    }
    throw error;
  }
  throw new Error("expected a ConstructValidationError, but it built");
}

export { ConstructValidationError };
