import { Testing } from "cdktf";
import { autoscalingEbsKeyStatements } from "../../../src/modules/security/autoscaling-key-access";
import { RegionalKey } from "../../../src/modules/security/kms-key";
import { parse, statements, statementWithSid } from "../compute/synthesized";

const ROLE_ARN =
  "arn:aws:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";

describe("autoscalingEbsKeyStatements", () => {
  const keyPolicy = statements(
    parse(
      Testing.synthScope((scope) => {
        new RegionalKey(scope, "Key", {
          aliasName: "titan-primary-data",
          description: "test",
          region: "us-east-2",
          accountId: "111122223333",
          additionalStatements: autoscalingEbsKeyStatements("111122223333"),
        });
      }),
    ),
    "Key/Policy",
  );
  const onlyTheAutoScalingRole = [
    { test: "StringEquals", variable: "kms:CallerAccount", values: ["111122223333"] },
    { test: "ArnLike", variable: "aws:PrincipalArn", values: [ROLE_ARN] },
  ];

  it("lets only the Auto Scaling service-linked role use the key, without naming it as a principal", () => {
    const use = statementWithSid(keyPolicy, "AutoScalingUsesKeyForEbsVolumes");
    expect(use.principals).toEqual([{ type: "AWS", identifiers: ["*"] }]);
    expect(use.actions).toEqual([
      "kms:Encrypt",
      "kms:Decrypt",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:DescribeKey",
    ]);
    expect(use.condition).toEqual(onlyTheAutoScalingRole);
  });

  it("lets it create grants only for AWS resources (EC2 attaching the volume)", () => {
    const grant = statementWithSid(keyPolicy, "AutoScalingGrantsKeyToEc2ForEbsVolumes");
    expect(grant.principals).toEqual([{ type: "AWS", identifiers: ["*"] }]);
    expect(grant.actions).toEqual(["kms:CreateGrant"]);
    expect(grant.condition).toEqual([
      ...onlyTheAutoScalingRole,
      { test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] },
    ]);
  });
});
