import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { Testing } from "cdktf";
import { autoScalingVolumeKeyStatements } from "../../../src/modules/web/ebs-key-access";

const SERVICE_LINKED_ROLE =
  "arn:aws:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";

describe("autoScalingVolumeKeyStatements", () => {
  const statements = autoScalingVolumeKeyStatements("111122223333");

  it("lets only the account's Auto Scaling service-linked role use the key, matched by condition", () => {
    for (const statement of statements) {
      expect(statement.principals).toEqual([{ type: "AWS", identifiers: ["*"] }]);
      expect(statement.condition).toEqual(
        expect.arrayContaining([
          { test: "ArnEquals", variable: "aws:PrincipalArn", values: [SERVICE_LINKED_ROLE] },
          { test: "StringEquals", variable: "kms:CallerAccount", values: ["111122223333"] },
        ]),
      );
    }
  });

  it("grants data-key use for the volumes and grants only for AWS resources", () => {
    expect(statements.map((statement) => [statement.sid, statement.actions])).toEqual([
      [
        "AutoScalingEncryptsInstanceVolumes",
        ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
      ],
      ["AutoScalingAttachesEncryptedVolumes", ["kms:CreateGrant"]],
    ]);
    expect(statements[1].condition).toContainEqual({
      test: "Bool",
      variable: "kms:GrantIsForAWSResource",
      values: ["true"],
    });
  });

  it("fits a policy document as RegionalKey's additional statements do", () => {
    const json = Testing.synthScope((scope) => {
      new DataAwsIamPolicyDocument(scope, "KeyPolicy", { statement: statements });
    });
    expect(json).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        expect.objectContaining({ sid: "AutoScalingEncryptsInstanceVolumes" }),
        expect.objectContaining({ sid: "AutoScalingAttachesEncryptedVolumes" }),
      ],
    });
  });
});
