/** Secrets Manager (JSON 1.1): `GetRandomPassword`, opened at plan time by the ephemeral `aws_secretsmanager_random_password`. */
import { randomInt } from "node:crypto";
import type { ServiceStub } from "./protocol";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&*+-=?^_~";

/** A password honouring `PasswordLength` and `ExcludeCharacters`, the parameters titan sets. */
export function randomPassword(input: Readonly<Record<string, unknown>>): string {
  const length = typeof input.PasswordLength === "number" ? input.PasswordLength : 32;
  const excluded = typeof input.ExcludeCharacters === "string" ? input.ExcludeCharacters : "";
  const alphabet = [...ALPHABET].filter((c) => !excluded.includes(c));
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join("");
}

export const secretsManager: ServiceStub = {
  signingName: "secretsmanager",
  protocol: "json1.1",
  operations: {
    GetRandomPassword: (input) => ({ RandomPassword: randomPassword(input) }),
  },
};
