/**
 * Synth benchmark: wall time and peak memory of `main.ts` writing all stacks, the loop an engineer
 * runs on every change. Targets live here, not in timed tests (a loaded CI machine would make
 * those flaky): synth under 15 s and 1 GiB on the 2-core reference machine.
 *
 *   npm run bench:synth [-- --runs 5]   (npm run bench runs it, then the test-loop bench)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const TARGET_SECONDS = 15;
const TARGET_MIB = 1024;

const root = join(__dirname, "..");
const runsFlag = process.argv.indexOf("--runs");
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 3;

interface Sample {
  readonly seconds: number;
  readonly peakMiB: number;
  readonly resources: number;
}

function countResources(outdir: string): number {
  let count = 0;
  for (const stack of readdirSync(join(outdir, "stacks"))) {
    const json = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
    for (const byName of Object.values<Record<string, unknown>>(json.resource ?? {})) {
      count += Object.keys(byName).length;
    }
  }
  return count;
}

function runOnce(): Sample {
  const outdir = mkdtempSync(join(tmpdir(), "titan-bench-"));
  const started = process.hrtime.bigint();
  // GNU time reports the child's peak resident set size; node alone cannot see a child's peak.
  const result = spawnSync("/usr/bin/time", ["-f", "%M", join(root, "node_modules", ".bin", "tsx"), "main.ts"], {
    cwd: root,
    env: { ...process.env, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    throw new Error(`synth failed (${result.status}): ${result.stderr}`);
  }
  const peakKiB = Number(result.stderr.trim().split("\n").pop());
  const resources = countResources(outdir);
  rmSync(outdir, { recursive: true, force: true });
  return { seconds, peakMiB: peakKiB / 1024, resources };
}

const samples = Array.from({ length: runs }, runOnce);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = median(samples.map((sample) => sample.seconds));
const peakMiB = Math.max(...samples.map((sample) => sample.peakMiB));
console.log(`synth of all stacks (${samples[0].resources} resources), ${runs} runs`);
console.log(`  wall time  median ${seconds.toFixed(2)} s   (target < ${TARGET_SECONDS} s)`);
console.log(`  peak RSS   max    ${peakMiB.toFixed(0)} MiB  (target < ${TARGET_MIB} MiB)`);
if (seconds > TARGET_SECONDS || peakMiB > TARGET_MIB) {
  console.error("over target");
  process.exit(1);
}
