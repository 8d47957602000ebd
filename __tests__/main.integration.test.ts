import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CI_STACK_ID, DEPLOY_ORDER } from "../src/app";

const root = join(__dirname, "..");
const tsx = join(root, "node_modules", ".bin", "tsx");

/** Runs the composition root as `cdktf synth` does, into a fresh output directory. */
function synth(configText?: string, args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), "titan-main-"));
  const outdir = join(dir, "out");
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
  delete env.TITAN_CONFIG;
  if (configText !== undefined) {
    env.TITAN_CONFIG = join(dir, "titan.json");
    writeFileSync(env.TITAN_CONFIG, configText);
  }
  const result = spawnSync(tsx, ["main.ts", ...args], { cwd: root, env, encoding: "utf8" });
  return { ...result, outdir, configFile: env.TITAN_CONFIG };
}

/** Every file (not directory) under `dir`. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe("main.ts", () => {
  it("with --policy, prints every rule's verdicts per stack and each suppression's reason, and writes nothing", () => {
    const result = synth(undefined, ["--policy"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^titan policy: \d+ rules over 8 stacks, \d+ verdicts$/m);
    // Every stack the default config builds: all but ci, which needs ci.githubRepository.
    for (const stack of DEPLOY_ORDER.filter((id) => id !== CI_STACK_ID)) {
      expect(result.stdout).toMatch(new RegExp(`^== ${stack} \\(\\d+ verdicts\\)$`, "m"));
    }
    expect(result.stdout).toMatch(/^ {2}TITAN-RDS-1 +high +1 +0 +0 +0$/m);
    // The image build's privileged mode and the root statement of each key policy (both regions', the edge's).
    expect(result.stdout).toContain("Suppressions (4):");
    expect(result.stdout).toContain("suppressed: docker build needs the Docker daemon");
    expect(result.stdout.trimEnd()).toMatch(/Violations: none$/);
    expect(existsSync(join(result.outdir, "manifest.json"))).toBe(false);
  });

  it("writes every stack with the default config", () => {
    const result = synth();
    // Only the warnings about placeholders a real deployment must replace, and, depending on today's
    // date (main.ts passes the real clock), version-support warnings: their dates have specs of their own.
    const lines = result.stderr.trim().split("\n");
    const versionWarnings = /^titan: warning: (kubernetes\.version|database\.engineVersion) /;
    expect(lines.filter((line) => !versionWarnings.test(line))).toEqual([
      expect.stringMatching(/^titan: warning: bucketSuffix is empty/),
      expect.stringMatching(/^titan: warning: kubernetes\.adminRoleArns is empty/),
      expect.stringMatching(/^titan: warning: observability\.alarmEmails is empty/),
      expect.stringMatching(/^titan: warning: domain\.hostedZoneId is the placeholder/),
    ]);
    expect(result.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(result.outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual([
      "cross-region",
      "dr",
      "dr-k8s",
      "global",
      "primary",
      "primary-k8s",
      "state-dr",
      "state-primary",
    ]);
  });

  it("rejects a bad config with every problem, exits non-zero and writes nothing", () => {
    const result = synth(
      JSON.stringify({
        regions: {
          primary: { availabilityZones: ["use2-az1", "usw1-az1"], vpcCidr: "10.0.0.0/12", webAmiId: "ami-1" },
          dr: { region: "us-east-2", availabilityZones: ["use2-az3"], vpcCidr: "10.0.5.0/24" },
        },
        database: { instanceClass: "db.t3.small", masterUsername: "admin" },
        cache: { nodes: { primary: 1 } },
        web: { runtime: "lambda", extra: true },
      }),
    );
    expect(result.status).toBe(1);
    for (const path of [
      "regions.primary.availabilityZones[1]",
      "regions.primary.vpcCidr",
      "regions.primary.webAmiId",
      "regions.dr.region",
      "regions.dr.availabilityZones",
      "regions.dr.vpcCidr",
      "database.instanceClass",
      "database.masterUsername",
      "cache.nodes.primary",
      "web.runtime",
      "web.extra",
    ]) {
      expect(result.stderr).toContain(`  - ${path}: `);
    }
    expect(result.stderr).toContain("has 11 problems");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(result.outdir) ? readdirSync(result.outdir) : []).toEqual([]);
  });

  it("refuses a config whose recovery budget misses its targets, naming the terms, and writes nothing", () => {
    const result = synth(JSON.stringify({ dr: { rtoSeconds: 10 } }));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("titan: the recovery budget misses its targets");
    expect(result.stderr).toMatch(
      /dr\.rtoSeconds: unplanned failover \(primary lost\) takes \d+ s .*, over the 10 s target:\n\s+database path \d+ s = detection \d+ s \+ alarm \d+ s \+ operator \d+ s \+ aurora-failover \d+ s \+ db-name \d+ s/,
    );
    expect(result.stderr).toMatch(/traffic path \d+ s = detection \d+ s \+ answer-switch \d+ s \+ dns-ttl \d+ s/);
    expect(result.stderr).toMatch(/dr\.rtoSeconds: planned switchover \(primary to dr\) takes \d+ s/);
    expect(result.stderr).not.toContain("dr.rpoSeconds");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // cdktf's App makes the empty output directories when it is created; no file is written.
    expect(filesUnder(result.outdir)).toEqual([]);
  });

  test.each([
    ["a missing file", undefined, /^titan: cannot use config file ".*": no such file\n$/],
    ["an unparsable file", "{ not json", /^titan: cannot use config file ".*titan\.json": not valid JSON \(.*\)\n$/],
  ])("names %s in one line", (_name, text, expected) => {
    const result =
      text === undefined
        ? spawnSync(tsx, ["main.ts"], {
            cwd: root,
            env: { ...process.env, TITAN_CONFIG: join(tmpdir(), "titan-does-not-exist.json") },
            encoding: "utf8",
          })
        : synth(text);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(expected);
  });
});
