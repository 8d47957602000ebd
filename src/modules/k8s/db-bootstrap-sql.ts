const ROLE_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const DATABASE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/**
 * The SQL that makes `appUser` a login role that authenticates only with IAM tokens, with what
 * the app needs in `database`, run by the master user on the writer.
 *
 * Idempotent, so it can run on every apply: the role is created only when missing, its password
 * is cleared (IAM only) and the grants are repeated (a repeated GRANT changes nothing). Names are
 * validated identifiers quoted as such, never interpolated free text. `rds_iam` is the role RDS
 * checks IAM tokens for; Aurora global replication carries the role to the DR cluster.
 */
export function databaseBootstrapSql(appUser: string, database: string, masterUser: string): string {
  if (!ROLE_NAME.test(appUser)) {
    throw new Error(`databaseBootstrapSql: "${appUser}" is not a role name titan creates`);
  }
  if (!DATABASE_NAME.test(database)) {
    throw new Error(`databaseBootstrapSql: "${database}" is not a database name titan creates`);
  }
  if (appUser === masterUser.toLowerCase()) {
    throw new Error(`databaseBootstrapSql: the app user "${appUser}" must not be the master user`);
  }
  const role = `"${appUser}"`;
  return [
    "DO $$",
    "BEGIN",
    `  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '${appUser}') THEN`,
    `    CREATE ROLE ${role} LOGIN;`,
    "  END IF;",
    "END",
    "$$;",
    `ALTER ROLE ${role} WITH LOGIN PASSWORD NULL;`,
    `GRANT rds_iam TO ${role};`,
    `GRANT CONNECT, TEMPORARY ON DATABASE "${database}" TO ${role};`,
    `GRANT USAGE, CREATE ON SCHEMA public TO ${role};`,
    "",
  ].join("\n");
}
