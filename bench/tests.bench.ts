/**
 * Test-loop benchmark: wall time (and CPU time, which a busy machine distorts less) of the unit
 * project, the inner loop an engineer runs on every change, and of the full `npm test`, CI's
 * command. Targets live here, not in timed tests: unit loop <= 20 s and full run <= 90 s on the
 * 2-core reference machine. The machine's load is printed beside each figure: other work on the
 * same cores makes every number worse, so compare runs made at similar load.
 *
 *   npm run bench            (the synth bench, then both test runs)
 *   npm run bench:tests [-- --unit-only]
 */
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { join } from "node:path";

export const TEST_TARGETS = { unit: 20, full: 90 } as const;

const root = join(__dirname, "..");

export interface TestRun {
  readonly label: string;
  readonly command: string;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly targetSeconds: number;
  readonly loadBefore: readonly number[];
  readonly passed: boolean;
}

/** Runs `npm run <script>` under GNU time, which counts the CPU of every process the run starts. */
export function timeTests(label: string, script: string, targetSeconds: number): TestRun {
  const loadBefore = loadavg();
  const result = spawnSync("/usr/bin/time", ["-f", "%e %U %S", "npm", "run", "--silent", script], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const [wall, user, system] = result.stderr.trim().split("\n").pop()?.split(" ").map(Number) ?? [];
  return {
    label,
    command: `npm run ${script}`,
    wallSeconds: wall,
    cpuSeconds: user + system,
    targetSeconds,
    loadBefore,
    passed: result.status === 0,
  };
}

export function formatRun(run: TestRun): string {
  const load = run.loadBefore.map((value) => value.toFixed(2)).join(" ");
  const verdict = run.wallSeconds <= run.targetSeconds ? "within target" : "OVER TARGET";
  return [
    `${run.label} (${run.command})${run.passed ? "" : "  TESTS FAILED"}`,
    `  wall time  ${run.wallSeconds.toFixed(1)} s   (target <= ${run.targetSeconds} s: ${verdict})`,
    `  CPU time   ${run.cpuSeconds.toFixed(1)} s   (user + system, every process; ${(run.cpuSeconds / 2).toFixed(1)} s is the least wall time 2 idle cores allow)`,
    `  load       ${load}   (1, 5, 15-minute averages before the run; 2 cores)`,
  ].join("\n");
}

if (require.main === module) {
  const unitOnly = process.argv.includes("--unit-only");
  const runs = [timeTests("unit loop", "test:unit", TEST_TARGETS.unit)];
  if (!unitOnly) {
    runs.push(timeTests("full npm test", "test", TEST_TARGETS.full));
  }
  for (const run of runs) {
    console.log(formatRun(run));
  }
  if (runs.some((run) => !run.passed || run.wallSeconds > run.targetSeconds)) {
    process.exitCode = 1;
  }
}
