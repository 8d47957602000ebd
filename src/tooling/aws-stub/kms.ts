/**
 * KMS (JSON 1.1) for `aws_kms_alias` data sources: the provider lists every alias, picks the one
 * it wants by name, then describes the key through the alias. Each inventory alias targets a
 * customer key with a stable id.
 */
import { createHash } from "node:crypto";
import { AwsError, requiredInput, type ServiceStub, STUB_ACCOUNT_ID } from "./protocol";

const CREATED = 1704067200;

/** A stable key id per alias, shaped like a real one (a UUID). */
export function keyIdFor(alias: string): string {
  const hex = createHash("sha256").update(alias).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function keyMetadata(keyId: string, region: string) {
  return {
    AWSAccountId: STUB_ACCOUNT_ID,
    Arn: `arn:aws:kms:${region}:${STUB_ACCOUNT_ID}:key/${keyId}`,
    CreationDate: CREATED,
    Enabled: true,
    KeyId: keyId,
    KeyManager: "CUSTOMER",
    KeySpec: "SYMMETRIC_DEFAULT",
    KeyState: "Enabled",
    KeyUsage: "ENCRYPT_DECRYPT",
    MultiRegion: false,
    Origin: "AWS_KMS",
  };
}

export const kms: ServiceStub = {
  signingName: "kms",
  protocol: "json1.1",
  operations: {
    ListAliases: (_input, { region, inventory }) => ({
      Aliases: inventory.kmsAliases.map((alias) => ({
        AliasArn: `arn:aws:kms:${region}:${STUB_ACCOUNT_ID}:${alias}`,
        AliasName: alias,
        TargetKeyId: keyIdFor(alias),
        CreationDate: CREATED,
        LastUpdatedDate: CREATED,
      })),
      Truncated: false,
    }),
    DescribeKey: (input, { region, inventory }) => {
      const keyId = requiredInput(input, "KeyId");
      if (!keyId.startsWith("alias/")) {
        return { KeyMetadata: keyMetadata(keyId, region) };
      }
      if (!inventory.kmsAliases.includes(keyId)) {
        throw new AwsError(
          "NotFoundException",
          `Alias arn:aws:kms:${region}:${STUB_ACCOUNT_ID}:${keyId} is not found.`,
        );
      }
      return { KeyMetadata: keyMetadata(keyIdFor(keyId), region) };
    },
  },
};
