import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { databaseBootstrapSql } from "../../../src/modules/k8s/db-bootstrap-sql";

/**
 * The bootstrap's SQL, run for real against PGlite (PostgreSQL compiled to WebAssembly), in a
 * child process because PGlite cannot load inside jest's sandbox. `rds_iam` is the role Aurora
 * provides; here it is created first, as RDS has it.
 */
type Step = { exec: string } | { query: string };

function runSql(steps: Step[]): unknown[][] {
  const run = spawnSync(process.execPath, [join(__dirname, "..", "..", "support", "pglite-run.mjs")], {
    input: JSON.stringify({ steps: [{ exec: "CREATE ROLE rds_iam" }, { exec: "CREATE DATABASE birthday" }, ...steps] }),
    encoding: "utf8",
    cwd: join(__dirname, "..", "..", ".."),
  });
  const output = JSON.parse(run.stdout || `{"error": ${JSON.stringify(run.stderr)}}`) as {
    results?: unknown[][];
    error?: string;
  };
  if (output.error !== undefined) {
    throw new Error(output.error);
  }
  return output.results ?? [];
}

const ROLE_STATE = `SELECT r.rolcanlogin AS login, r.rolpassword IS NOT NULL AS password, r.rolsuper AS super,
  pg_has_role(r.rolname, 'rds_iam', 'MEMBER') AS iam,
  has_database_privilege(r.rolname, 'birthday', 'CONNECT') AS connect,
  has_schema_privilege(r.rolname, 'public', 'CREATE') AS "create"
  FROM pg_authid r WHERE r.rolname = 'birthday_app'`;

describe("the app's database role bootstrap", () => {
  const sql = databaseBootstrapSql("birthday_app", "birthday", "birthday_admin");

  it("creates an IAM-only login role with rds_iam and what the app needs, and is idempotent", () => {
    const [state] = runSql([{ exec: sql }, { exec: sql }, { query: ROLE_STATE }]);
    expect(state).toEqual([{ login: true, password: false, super: false, iam: true, connect: true, create: true }]);
  });

  it("takes away a password someone set by hand: the role logs in with IAM tokens only", () => {
    const [state] = runSql([
      { exec: "CREATE ROLE birthday_app LOGIN PASSWORD 'set-by-hand';" },
      { exec: sql },
      { query: ROLE_STATE },
    ]);
    expect(state).toEqual([expect.objectContaining({ login: true, password: false, iam: true })]);
  });

  it("fails loudly where rds_iam does not exist, rather than creating a role that cannot log in", () => {
    expect(() => runSql([{ exec: "DROP ROLE rds_iam;" }, { exec: sql }])).toThrow(/rds_iam/);
  });

  test.each([
    [["birthday_app; DROP TABLE x", "birthday", "birthday_admin"], /is not a role name titan creates/],
    [["birthday_app", "birthday; --", "birthday_admin"], /is not a database name titan creates/],
    [["birthday_admin", "birthday", "Birthday_Admin"], /must not be the master user/],
  ] as [[string, string, string], RegExp][])("refuses %p", ([user, database, master], message) => {
    expect(() => databaseBootstrapSql(user, database, master)).toThrow(message);
  });
});
