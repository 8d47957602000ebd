/**
 * The two commands of the database bootstrap's pod, written as data so a test runs them with a real
 * shell and awk against what Terraform's `jsonencode` writes into the master secret.
 *
 * WHY a script: the psql image carries no JSON tool, and the aws CLI image no psql. The init
 * container fetches the secret's JSON (its IRSA role reads that one secret) into a memory-backed
 * volume; the psql container takes the password out of it with a JSON string decoder in POSIX awk
 * (busybox awk in the alpine image), deletes the file and runs psql with the password in its
 * environment only. Terraform's `jsonencode` escapes `<`, `>` and `&` as `\u003c`, `\u003e`,
 * `\u0026`, and `\` as `\\`, so the decoder handles every JSON escape, not a pattern.
 */

/** Where the init container leaves the secret's JSON: a memory-backed `emptyDir`. */
export const SECRET_DIR = "/run/db-master";
export const SECRET_FILE = `${SECRET_DIR}/secret.json`;

/** Init container: `aws secretsmanager get-secret-value` of `$MASTER_SECRET_ID`, SecretString only. */
export const FETCH_SECRET_SCRIPT = [
  "set -eu",
  "umask 077",
  `aws secretsmanager get-secret-value --secret-id "$MASTER_SECRET_ID" --query SecretString --output text > ${SECRET_FILE}`,
].join("\n");

/**
 * awk: prints the JSON string value of the top-level `"password"` key of the file it reads.
 * Exits 2 without the key, 3 on an unterminated string.
 */
export const READ_PASSWORD_AWK = String.raw`
function hexvalue(h,   n, k, d) {
  n = 0
  for (k = 1; k <= 4; k++) {
    d = index("0123456789abcdef", tolower(substr(h, k, 1))) - 1
    n = n * 16 + d
  }
  return n
}
{ doc = doc $0 "\n" }
END {
  if (!match(doc, /"password"[ \t\r\n]*:[ \t\r\n]*"/)) { exit 2 }
  rest = substr(doc, RSTART + RLENGTH)
  out = ""
  while (length(rest) > 0) {
    c = substr(rest, 1, 1)
    if (c == "\"") { printf "%s", out; exit 0 }
    if (c == "\\") {
      e = substr(rest, 2, 1)
      if (e == "u") { out = out sprintf("%c", hexvalue(substr(rest, 3, 4))); rest = substr(rest, 7); continue }
      if (e == "n") { out = out "\n" } else if (e == "t") { out = out "\t" } else if (e == "r") { out = out "\r" }
      else if (e == "b") { out = out "\b" } else if (e == "f") { out = out "\f" } else { out = out e }
      rest = substr(rest, 3)
      continue
    }
    out = out c
    rest = substr(rest, 2)
  }
  exit 3
}`;

/** psql container: the password from the fetched JSON, then `psql` running `$BOOTSTRAP_SQL`. */
export const RUN_SQL_SCRIPT = [
  "set -eu",
  `PGPASSWORD="$(awk '${READ_PASSWORD_AWK.replaceAll("'", "'\\''")}' ${SECRET_FILE})"`,
  `rm -f ${SECRET_FILE}`,
  "export PGPASSWORD",
  'exec psql --no-psqlrc --set ON_ERROR_STOP=1 --command "$BOOTSTRAP_SQL"',
].join("\n");
