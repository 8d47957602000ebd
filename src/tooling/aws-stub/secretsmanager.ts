/**
 * Secrets Manager (JSON 1.1): `GetRandomPassword`, opened at plan time by the ephemeral
 * `aws_secretsmanager_random_password`, and `GetSecretValue` for the secrets the stacks read by
 * name (the origin-verify replicas DR and the global stack read in their own regions) and, in a
 * plan against a deployed state, the secrets that state holds (the ephemeral
 * `aws_secretsmanager_secret_version` reads of the database credentials).
 */
import { createHash, randomInt } from "node:crypto";
import { AwsError, requiredInput, type ServiceStub, STUB_ACCOUNT_ID, stringInput } from "./protocol";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&*+-=?^_~";

/** A password honouring `PasswordLength` and `ExcludeCharacters`, the parameters titan sets. */
export function randomPassword(input: Readonly<Record<string, unknown>>): string {
  const length = typeof input.PasswordLength === "number" ? input.PasswordLength : 32;
  const excluded = typeof input.ExcludeCharacters === "string" ? input.ExcludeCharacters : "";
  const alphabet = [...ALPHABET].filter((c) => !excluded.includes(c));
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join("");
}

/**
 * The document of a secret read at plan time, with a value that is plainly the stub's: the
 * origin-verify shape for the origin-verify secrets, else the RDS credentials shape titan's
 * database secrets use (the cluster reads `jsondecode(...).password` from it).
 */
export function secretDocument(name: string): string {
  const value = `offlinestub${createHash("sha256").update(name).digest("hex").slice(0, 37)}`;
  if (name.endsWith("origin-verify")) {
    return JSON.stringify({ generation: 1, current: value, previous: value });
  }
  return JSON.stringify({ engine: "postgres", username: "offline", password: value, port: 5432 });
}

export const secretsManager: ServiceStub = {
  signingName: "secretsmanager",
  protocol: "json1.1",
  operations: {
    GetRandomPassword: (input) => ({ RandomPassword: randomPassword(input) }),
    GetSecretValue: (input, { region, inventory }) => {
      const secretId = requiredInput(input, "SecretId");
      const name = inventory.secretNames.find(
        (candidate) => secretId === candidate || secretId.includes(`:secret:${candidate}-`),
      );
      if (name === undefined) {
        throw new AwsError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
      }
      const stage = stringInput(input, "VersionStage") ?? "AWSCURRENT";
      if (stage !== "AWSCURRENT") {
        throw new AwsError(
          "ResourceNotFoundException",
          `Secrets Manager can't find the specified secret value for staging label: ${stage}`,
        );
      }
      const versionId = createHash("sha256").update(`${region}/${name}`).digest("hex").slice(0, 32);
      return {
        ARN: `arn:aws:secretsmanager:${region}:${STUB_ACCOUNT_ID}:secret:${name}-AbCdEf`,
        Name: name,
        VersionId: stringInput(input, "VersionId") ?? versionId,
        SecretString: secretDocument(name),
        VersionStages: ["AWSCURRENT"],
        CreatedDate: 1704067200,
      };
    },
  },
};
