/** Reading a runbook run's calls and log lines, for its specs. */

/** The input of the n-th call of `command`. */
export function inputOf(calls: readonly { command: string; input: object }[], command: string, n = 0): object {
  return calls.filter((call) => call.command === command)[n].input;
}

/** The log line of step `id`. */
export function stepLine(output: string, id: string): string {
  return output.split("\n").find((line) => line.includes(`] ${id}: `)) ?? `(no line for ${id})`;
}
