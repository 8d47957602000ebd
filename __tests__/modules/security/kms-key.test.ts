import { Testing } from "cdktf";
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
