import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  FETCH_SECRET_SCRIPT,
  READ_PASSWORD_AWK,
  RUN_SQL_SCRIPT,
  SECRET_FILE,
} from "../../../src/modules/k8s/db-bootstrap-script";
import { randomPassword } from "../../../src/tooling/aws-stub/secretsmanager";

/**
 * The bootstrap pod's two scripts, run by a real POSIX shell and awk against what Terraform's
 * jsonencode writes into the master secret. `aws` and `psql` are stand-ins on PATH: the first prints
 * the secret's JSON, the second records the password and arguments it was started with. The pod's
 * secret directory is rewritten to a temporary one. The pod runs busybox's awk; the decoder uses
 * POSIX awk only, and runs here with the machine's.
 */

/** Terraform's jsonencode: JSON, with <, > and & escaped as \u003c, \u003e, \u0026. */
function terraformJsonencode(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "titan-bootstrap-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function stub(name: string, body: string): void {
  const file = join(dir, "bin", name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
}

/** Runs both containers' scripts in order; returns what psql saw. */
function runPod(secretJson: string): {
  fetch: number | null;
  run: number | null;
  password: string;
  args: string;
  stderr: string;
} {
  spawnSync("mkdir", ["-p", join(dir, "bin"), join(dir, "secret")]);
  writeFileSync(join(dir, "secret.json.source"), secretJson);
  stub("aws", `cat '${join(dir, "secret.json.source")}'`);
  stub("psql", `printf '%s' "$PGPASSWORD" > '${join(dir, "password")}'; printf '%s\\n' "$@" > '${join(dir, "args")}'`);
  const local = (script: string) => script.replaceAll(SECRET_FILE, join(dir, "secret", "secret.json"));
  const env = {
    PATH: `${join(dir, "bin")}:/usr/bin:/bin`,
    MASTER_SECRET_ID: "titan-primary-db-master",
    BOOTSTRAP_SQL: "SELECT 1;",
  };
  const fetch = spawnSync("sh", ["-c", local(FETCH_SECRET_SCRIPT)], { env, encoding: "utf8" });
  const run = spawnSync("sh", ["-c", local(RUN_SQL_SCRIPT)], { env, encoding: "utf8" });
  const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), "utf8") : "");
  return { fetch: fetch.status, run: run.status, password: read("password"), args: read("args"), stderr: run.stderr };
}

describe("the database bootstrap's scripts", () => {
  const secret = (password: string) =>
    terraformJsonencode({ engine: "postgres", username: "birthday_admin", password, dbname: "birthday", port: 5432 });

  test.each([
    ["letters and digits", "abcDEF0123456789abcDEF0123456789"],
    ["every punctuation RDS allows, escaped by jsonencode", "a<b>c&d\\e'f!#$%()*+,-.:;=?[]^_`{|}~g"],
    ["a dollar sign and backticks the shell must not expand", "$(echo pwned)`id`$HOME"],
    ["a password that looks like a JSON escape", "\\u0041\\n"],
  ])("hands psql the exact password: %s", (_name, password) => {
    const result = runPod(secret(password));
    expect(result.fetch).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.run).toBe(0);
    expect(result.password).toBe(password);
    expect(result.args.trim().split("\n")).toEqual([
      "--no-psqlrc",
      "--set",
      "ON_ERROR_STOP=1",
      "--command",
      "SELECT 1;",
    ]);
  });

  it("decodes 200 passwords as Secrets Manager generates them for the master (RDS's exclusions)", () => {
    for (let i = 0; i < 200; i++) {
      const password = randomPassword({ PasswordLength: 32, ExcludeCharacters: '/"@ ' });
      const awk = spawnSync("awk", [READ_PASSWORD_AWK], { input: secret(password), encoding: "utf8" });
      expect(awk.stdout).toBe(password);
    }
  });

  it("deletes the fetched secret before psql runs", () => {
    runPod(secret("p4ssw0rd"));
    expect(existsSync(join(dir, "secret", "secret.json"))).toBe(false);
  });

  test.each([
    ["no password key", terraformJsonencode({ username: "x" }), 2],
    ["an unterminated string", '{"password": "abc', 3],
  ])("fails, and never starts psql, on %s", (_name, json, awkExit) => {
    expect(spawnSync("awk", [READ_PASSWORD_AWK], { input: json, encoding: "utf8" }).status).toBe(awkExit);
    const result = runPod(json);
    expect(result.run).not.toBe(0);
    expect(result.args).toBe("");
  });
});
