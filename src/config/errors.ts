/** One thing wrong with the config: where (a dotted path) and what to do about it. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

/** The config failed validation; `problems` lists every one of them, not just the first. */
export class ConfigValidationError extends Error {
  constructor(
    readonly problems: readonly ConfigProblem[],
    readonly source: string,
  ) {
    super(
      [
        `titan: the config (${source}) has ${problems.length} problem${problems.length === 1 ? "" : "s"}:`,
        ...problems.map((problem) => `  - ${problem.path || "(root)"}: ${problem.message}`),
      ].join("\n"),
    );
    this.name = "ConfigValidationError";
  }
}

/** The config file named by TITAN_CONFIG is missing or is not JSON. */
export class ConfigFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`titan: cannot use config file "${file}": ${reason}`);
    this.name = "ConfigFileError";
  }
}
