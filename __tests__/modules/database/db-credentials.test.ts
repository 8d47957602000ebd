import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { Testing } from "cdktf";
import { DatabaseCredentials, type DatabaseCredentialsProps } from "../../../src/modules/database/db-credentials";
import { Namer } from "../../../src/naming";

const PRIMARY_KEY = "arn:aws:kms:us-east-2:111122223333:key/primary";
const READ_BACK_REF =
  /^\$\{jsondecode\(ephemeral\.aws_secretsmanager_secret_version\.db_master_secret_[0-9a-f]{8}\.secret_string\)\.password\}$/;

const PROPS: DatabaseCredentialsProps = {
  namer: new Namer("titan", "primary"),
  kmsKeyArn: PRIMARY_KEY,
  replicaRegion: "us-west-1",
  username: "birthday_admin",
  databaseName: "birthday",
  host: "db.titan.internal",
};

interface Synthesized {
  readonly ephemeral: Record<string, Record<string, Record<string, unknown>>>;
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
}

function synth(props: Partial<DatabaseCredentialsProps> = {}): { json: string; credentials: DatabaseCredentials } {
  const built: DatabaseCredentials[] = [];
  const json = Testing.synthScope((scope) => {
    built.push(new DatabaseCredentials(scope, "DbCredentials", { ...PROPS, ...props }));
  });
  return { json, credentials: built[0] };
}

/** Every string leaf of `value` with the path that leads to it. */
function leaves(value: unknown, path: string[] = []): [string[], string][] {
  if (typeof value === "string") {
    return [[path, value]];
  }
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, child]) => leaves(child, [...path, key]));
  }
  return [];
}

describe("DatabaseCredentials", () => {
  it("keeps the password out of the synthesized JSON: only the ephemeral references mention it", () => {
    const { json } = synth();
    const mentions = leaves(JSON.parse(json)).filter(
      ([path, value]) => /password/i.test(value) || path.some((key) => /password/i.test(key)),
    );
    expect(mentions.length).toBeGreaterThan(0);
    for (const [path, value] of mentions) {
      const inEphemeralBlock = path[0] === "ephemeral" && path[1] === "aws_secretsmanager_random_password";
      const writeOnlyReference =
        path.at(-1) === "secret_string_wo" && value.includes("ephemeral.aws_secretsmanager_random_password.");
      expect({ path: path.join("."), allowed: inEphemeralBlock || writeOnlyReference }).toEqual({
        path: path.join("."),
        allowed: true,
      });
    }
    expect(json).not.toMatch(/"(master_password|secret_string)"/);
  });

  it("declares an ephemeral random password that RDS accepts", () => {
    const { json } = synth();
    const passwords = Object.values((JSON.parse(json) as Synthesized).ephemeral.aws_secretsmanager_random_password);
    expect(passwords).toEqual([{ password_length: 32, exclude_characters: '/"@ ' }]);
  });

  it("exposes a reference that renders as the secret's password read back, in a write-only argument", () => {
    const json = Testing.synthScope((scope) => {
      const credentials = new DatabaseCredentials(scope, "DbCredentials", PROPS);
      new RdsCluster(scope, "Consumer", {
        engine: "aurora-postgresql",
        masterPasswordWo: credentials.passwordExpression,
        masterPasswordWoVersion: credentials.passwordVersion,
      });
    });
    expect(json).toHaveResourceWithProperties(RdsCluster, {
      master_password_wo: expect.stringMatching(READ_BACK_REF),
      master_password_wo_version: 1,
    });
  });

  it("reads the password back from exactly the secret version it wrote, once that version exists", () => {
    const synthesized = JSON.parse(synth().json) as Synthesized;
    const [secretName] = Object.keys(synthesized.resource.aws_secretsmanager_secret);
    const [versionName] = Object.keys(synthesized.resource.aws_secretsmanager_secret_version);
    expect(Object.values(synthesized.ephemeral.aws_secretsmanager_secret_version)).toEqual([
      {
        secret_id: `\${aws_secretsmanager_secret.${secretName}.id}`,
        version_id: `\${aws_secretsmanager_secret_version.${versionName}.version_id}`,
        depends_on: [`aws_secretsmanager_secret_version.${versionName}`],
      },
    ]);
  });

  it("gives each credentials construct its own ephemeral password and read-back", () => {
    const json = Testing.synthScope((scope) => {
      const common = { kmsKeyArn: PRIMARY_KEY, replicaRegion: "us-west-1", username: "u", databaseName: "d" };
      new DatabaseCredentials(scope, "A", { ...common, namer: new Namer("titan", "primary"), host: "a.internal" });
      new DatabaseCredentials(scope, "B", { ...common, namer: new Namer("other", "primary"), host: "b.internal" });
    });
    const { ephemeral } = JSON.parse(json) as Synthesized;
    expect(Object.keys(ephemeral.aws_secretsmanager_random_password)).toHaveLength(2);
    expect(Object.keys(ephemeral.aws_secretsmanager_secret_version)).toHaveLength(2);
  });

  it("stores the secret under the primary CMK, kept 30 days after deletion", () => {
    expect(synth().json).toHaveResourceWithProperties(SecretsmanagerSecret, {
      name: "titan-primary-db-master",
      kms_key_id: PRIMARY_KEY,
      recovery_window_in_days: 30,
    });
  });

  it("replicates to the DR region under its AWS-managed key unless a key is given", () => {
    expect(synth().json).toHaveResourceWithProperties(SecretsmanagerSecret, { replica: [{ region: "us-west-1" }] });
    const drKey = "arn:aws:kms:us-west-1:111122223333:key/dr";
    expect(synth({ replicaKmsKeyArn: drKey }).json).toHaveResourceWithProperties(SecretsmanagerSecret, {
      replica: [{ region: "us-west-1", kms_key_id: drKey }],
    });
  });

  it("writes the connection document with the generated ephemeral password and the generic host", () => {
    const synthesized = JSON.parse(synth().json) as Synthesized;
    const [passwordName] = Object.keys(synthesized.ephemeral.aws_secretsmanager_random_password);
    const version = Object.values(synthesized.resource.aws_secretsmanager_secret_version)[0];
    const document = String(version.secret_string_wo);
    expect(document).toMatch(/^\$\{jsonencode\(\{.*\}\)\}$/);
    expect(document).toContain(
      `"password" = ephemeral.aws_secretsmanager_random_password.${passwordName}.random_password,`,
    );
    expect(document).toContain('"host" = "db.titan.internal"');
    expect(document).toContain('"username" = "birthday_admin"');
    expect(document).toContain('"dbname" = "birthday"');
    expect(document).toContain('"engine" = "postgres"');
    expect(document).toContain('"port" = 5432');
  });

  test.each([
    [undefined, 1],
    [3, 3],
  ])("wires passwordVersion %p through as secret version %p", (passwordVersion, expected) => {
    const { json, credentials } = synth({ passwordVersion });
    expect(credentials.passwordVersion).toBe(expected);
    expect(json).toHaveResourceWithProperties(SecretsmanagerSecretVersion, { secret_string_wo_version: expected });
  });

  test.each<[string, Partial<DatabaseCredentialsProps>, RegExp]>([
    [
      "a zero password version",
      { passwordVersion: 0 },
      /passwordVersion: must be a whole number of 1 or more \(bump it by one to rotate\).*got 0/,
    ],
    [
      "a fractional password version",
      { passwordVersion: 1.5 },
      /passwordVersion: must be a whole number of 1 or more \(bump it by one to rotate\).*got 1\.5/,
    ],
    ["an empty host", { host: " " }, /host: must be the generic DB name/],
  ])("rejects %s", (_, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
