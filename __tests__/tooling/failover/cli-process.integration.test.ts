import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..", "..", "..");

/** The environment of an operator with no AWS credentials anywhere. */
function withoutCredentials(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^AWS_|^TITAN_CONFIG$/.test(name)) {
      env[name] = value;
    }
  }
  return {
    ...env,
    AWS_CONFIG_FILE: join(root, "does-not-exist", "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(root, "does-not-exist", "credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

/** `npm run failover -- <args>` as its own process, without credentials. */
function failover(args: readonly string[]) {
  return spawnSync(join(root, "node_modules", ".bin", "tsx"), ["src/tooling/failover/cli.ts", ...args], {
    cwd: root,
    env: withoutCredentials(),
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm run failover -- plan --dry-run, as a process without credentials", () => {
  it("prints the checks it skipped and every step of both moves for the default config, and exits 0", () => {
    const run = failover(["plan", "--dry-run"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("live checks skipped (no AWS credentials found)");
    expect(run.stdout.match(/ offline: would (check|change): /g)?.length).toBe(14 + 12);
    expect(run.stdout).toContain("== failover: the writer from primary to dr");
  });

  it("refuses a move without credentials, exit 1, one line", () => {
    const run = failover(["failover", "--allow-data-loss"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("no AWS credentials found: a move needs them");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
