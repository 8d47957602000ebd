import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(__dirname, "..", "..", "..");
const tsx = join(root, "node_modules", ".bin", "tsx");

function report(args: string[], config?: object) {
  const dir = mkdtempSync(join(tmpdir(), "titan-dr-report-"));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.TITAN_CONFIG;
  if (config) {
    env.TITAN_CONFIG = join(dir, "titan.json");
    writeFileSync(env.TITAN_CONFIG, JSON.stringify(config));
  }
  const writeDir = join(dir, "dr");
  const run = spawnSync(tsx, ["src/tooling/dr/report-cli.ts", "--write-dir", writeDir, ...args], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  return { ...run, dir, writeDir };
}

describe("npm run dr:report", () => {
  it("prints the default config's budget as markdown, writes it and its JSON, and exits 0", () => {
    const run = report([]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Targets: RTO 900 s/);
    expect(run.stdout).toContain("#### Unplanned failover (primary lost): 786 s");
    expect(run.stdout).toContain("#### DR invariants");
    expect(run.stdout).toContain(
      "- holds `outside-primary-region`: dr and global plan and apply with the primary region down",
    );
    expect(run.stdout).not.toContain("BROKEN");
    expect(run.stdout.startsWith(readFileSync(join(run.writeDir, "budget.md"), "utf8").trimEnd())).toBe(true);
    const json = JSON.parse(readFileSync(join(run.writeDir, "budget.json"), "utf8"));
    expect(json.scenarios.map((s: { id: string; rtoSeconds: number }) => [s.id, s.rtoSeconds])).toEqual([
      ["failover", 786],
      ["switchover", 390],
    ]);
  });

  it("explains a config synth refuses, and exits 1", () => {
    const run = report(["--json"], { dr: { rtoSeconds: 10 } });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).exceeded).toHaveLength(2);
  });

  it("names a usage mistake and exits 2, writing nothing", () => {
    const run = report(["--readm", "README.md"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("usage: npm run dr:report");
    expect(existsSync(run.writeDir)).toBe(false);
  });
});
