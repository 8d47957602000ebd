import { Testing } from "cdktf";
import { InlinePolicy } from "../../../src/modules/security/grants";
import { RegionalKey } from "../../../src/modules/security/kms-key";
import { suppressionOf } from "../../../src/policy";
import { element, parse, statements } from "../compute/synthesized";

const ACCOUNT = "111122223333";

function build() {
  let key: RegionalKey | undefined;
  const json = Testing.synthScope((scope) => {
    key = new RegionalKey(scope, "Key", {
      aliasName: "titan-primary-data",
      description: "titan primary data",
      region: "us-east-2",
      accountId: ACCOUNT,
    });
  });
  return { json: parse(json), key: key as RegionalKey };
}

function statement(sid: string) {
  return statements(build().json, "Key/Policy").find((s: { sid?: string }) => s.sid === sid);
}

describe("RegionalKey", () => {
  it("rotates, waits the longest window before deletion and names itself with an alias", () => {
    const { json } = build();
    expect(element(json, "resource", "aws_kms_key", "Key")).toMatchObject({
      enable_key_rotation: true,
      deletion_window_in_days: 30,
    });
    expect(element(json, "resource", "aws_kms_alias", "Key/Alias").name).toBe("alias/titan-primary-data");
  });

  it("lets the account administer the key through IAM, the AWS default statement, suppressed with its reason", () => {
    expect(statement("AccountAdministersAndDelegatesToIam")).toMatchObject({
      principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${ACCOUNT}:root`] }],
      actions: ["kms:*"],
      resources: ["*"],
    });
    expect(suppressionOf(build().key.key, "TITAN-IAM-1")?.reason).toMatch(/Resource "\*" means this key only/);
  });

  it("lets CloudWatch Logs use it only for this account's log groups in this region", () => {
    expect(statement("CloudWatchLogsEncryptsThisAccountsLogGroups")?.condition).toEqual([
      {
        test: "ArnLike",
        variable: "kms:EncryptionContext:aws:logs:arn",
        values: [`arn:aws:logs:us-east-2:${ACCOUNT}:log-group:*`],
      },
    ]);
  });

  it("lets CloudWatch publish to encrypted topics only for this account's alarms in this region", () => {
    expect(statement("CloudWatchAlarmsPublishToEncryptedTopics")).toMatchObject({
      principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }],
      condition: [
        { test: "StringEquals", variable: "aws:SourceAccount", values: [ACCOUNT] },
        { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:aws:cloudwatch:us-east-2:${ACCOUNT}:alarm:*`] },
      ],
    });
  });
});

/** The statements `grant` gives an inline policy, as synthesized. */
function granted(grant: (key: RegionalKey, grantee: InlinePolicy) => void): unknown[] {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      const key = new RegionalKey(scope, "Key", {
        aliasName: "titan-primary-data",
        description: "test",
        region: "us-east-2",
        accountId: ACCOUNT,
      });
      const grantee = new InlinePolicy({
        scope,
        documentId: "Granted",
        policyId: "GrantedPolicy",
        policyName: "granted",
        roleId: "role",
      });
      grant(key, grantee);
    }),
  );
  return Object.entries(json.data.aws_iam_policy_document as Record<string, { statement: unknown[] }>)
    .filter(([id]) => id.startsWith("Granted"))
    .flatMap(([, document]) => document.statement);
}

const KEY_ARN = expect.stringMatching(/^\$\{aws_kms_key\.Key_\w+\.arn\}$/);

describe("RegionalKey grants", () => {
  it("grants encrypt and decrypt on this key only", () => {
    expect(granted((key, grantee) => key.grantEncryptDecrypt(grantee))).toEqual([
      {
        sid: "EncryptDecryptWithRegionKey",
        actions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        resources: [KEY_ARN],
      },
    ]);
  });

  it("lets a grantee hand the key to AWS resources only, never to a principal of its choosing", () => {
    expect(granted((key, grantee) => key.grantToAwsResources(grantee))).toEqual([
      {
        sid: "GrantRegionKeyToAwsResources",
        actions: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
        resources: [KEY_ARN],
        condition: [{ test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
      },
    ]);
  });
});
