/**
 * One error type for everything wrong with a construct's props, in the shape aws-cdk-lib's
 * `ValidationError` has: the construct's path in the tree and every problem found, collected
 * before anything is thrown. The composition root may name the config field behind a prop
 * ({@link withConfigPaths}), so a user reads the setting to change, not a prop name.
 */

/** One thing wrong with a construct's props. */
export interface ConstructProblem {
  /** The prop, dotted where it is nested (`membership.masterPasswordWoVersion`). */
  readonly prop: string;
  /** What is wrong: the rule, the value received and what to do instead. */
  readonly message: string;
  /** The config field the prop was read from, when the composition root said so. */
  readonly configPath?: string;
}

/** A construct refused its props; `problems` lists every one of them, not just the first. */
export class ConstructValidationError extends Error {
  constructor(
    /** Where in the construct tree, e.g. `primary/Aurora`. */
    readonly constructPath: string,
    readonly problems: readonly ConstructProblem[],
  ) {
    super(describe(constructPath, problems));
    this.name = "ConstructValidationError";
  }

  /**
   * The same error with the config field behind each prop `configPaths` names (a nested prop
   * takes the field of its top-level prop). Problems of other constructs are left as they are.
   */
  withConfigPaths(constructPath: string, configPaths: Readonly<Record<string, string | undefined>>): this {
    if (constructPath !== this.constructPath) {
      return this;
    }
    const problems = this.problems.map((problem) => {
      const configPath = problem.configPath ?? configPaths[problem.prop.split(".")[0]];
      return configPath === undefined ? problem : { ...problem, configPath };
    });
    return new ConstructValidationError(this.constructPath, problems) as this;
  }
}

function describe(constructPath: string, problems: readonly ConstructProblem[]): string {
  const lines = problems.map(
    (problem) =>
      `  - ${problem.configPath ?? problem.prop}: ${problem.message}` +
      (problem.configPath === undefined ? "" : ` (${constructPath} ${problem.prop})`),
  );
  const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
  return [`titan: ${constructPath} has ${count}:`, ...lines].join("\n");
}
