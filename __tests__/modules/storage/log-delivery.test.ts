import { Testing } from "cdktf";
import { logDeliveryKeyStatements } from "../../../src/modules/security/log-delivery-key-access";
import { LogArchiveBucket, type LogArchiveBucketProps } from "../../../src/modules/storage/log-buckets";
import { Namer } from "../../../src/naming";

interface Statement {
  sid?: string;
  actions?: string[];
  resources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  condition?: { test: string; variable: string; values: string[] }[];
}

function policyStatements(props: Partial<LogArchiveBucketProps> = {}): Statement[] {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      new LogArchiveBucket(scope, "LogArchive", {
        namer: new Namer("titan", "primary"),
        kmsKeyArn: "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        glacierAfterDays: 90,
        expireAfterDays: 365,
        ...props,
      });
    }),
  );
  const [document] = Object.values(json.data.aws_iam_policy_document) as { statement: Statement[] }[];
  return document.statement;
}

const THIS_ACCOUNTS_DELIVERIES = [
  { test: "StringEquals", variable: "aws:SourceAccount", values: ["111122223333"] },
  { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:logs:us-east-2:111122223333:*"] },
];

describe("the log archive's policy for log delivery", () => {
  it("admits nobody but TLS readers unless log delivery is asked for", () => {
    expect(policyStatements().map((s) => s.sid)).toEqual(["DenyInsecureTransport"]);
  });

  it("lets this account's log deliveries in this region write under AWSLogs/<account>/ and check the bucket", () => {
    const statements = policyStatements({ logDelivery: { accountId: "111122223333", region: "us-east-2" } });
    const write = statements.find((s) => s.sid === "LogDeliveryWritesFlowLogs");
    expect(write).toMatchObject({
      principals: [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }],
      actions: ["s3:PutObject"],
      resources: ["arn:aws:s3:::titan-primary-log-archive/AWSLogs/111122223333/*"],
      condition: [
        ...THIS_ACCOUNTS_DELIVERIES,
        { test: "StringEquals", variable: "s3:x-amz-acl", values: ["bucket-owner-full-control"] },
      ],
    });
    const check = statements.find((s) => s.sid === "LogDeliveryChecksBucket");
    expect(check).toMatchObject({
      actions: ["s3:GetBucketAcl", "s3:ListBucket"],
      resources: ["arn:aws:s3:::titan-primary-log-archive"],
      condition: THIS_ACCOUNTS_DELIVERIES,
    });
  });
});

describe("the key statement for log delivery", () => {
  it("lets the log-delivery service encrypt for this account and region only", () => {
    expect(logDeliveryKeyStatements("111122223333", "us-east-2")).toEqual([
      {
        sid: "LogDeliveryEncryptsFlowLogsOfThisAccount",
        principals: [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }],
        actions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        resources: ["*"],
        condition: THIS_ACCOUNTS_DELIVERIES,
      },
    ]);
  });
});
