import { iamNoWildcardAdmin } from "../../../src/policy/rules/iam-no-wildcard-admin";
import { type Case, expectVerdict, type PolicyDocuments } from "./fixtures";

const DOCUMENTS: PolicyDocuments = {
  Scoped: {
    statement: [
      { sid: "ReadSecret", actions: ["secretsmanager:GetSecretValue"], resources: ["arn:aws:secretsmanager:x"] },
      { sid: "Describe", actions: ["ec2:DescribeSubnets"], resources: ["*"] },
      { sid: "DenyPlainHttp", effect: "Deny", actions: ["s3:*"], resources: ["*"] },
    ],
  },
  ServiceAdmin: { statement: [{ sid: "AllOfS3", actions: ["s3:*"], resources: ["*"] }] },
  Merged: {
    source_policy_documents: ["${data.aws_iam_policy_document.Scoped.json}"],
    statement: [{ actions: ["*"], resources: ["*"] }],
  },
  NotAction: { statement: [{ sid: "AllButIam", not_actions: ["iam:*"], resources: ["*"] }] },
};
const ref = (name: string) => `\${data.aws_iam_policy_document.${name}.json}`;

describe("TITAN-IAM-1: no wildcard admin grants", () => {
  test.each<Case>([
    ["scoped actions, describe-only on *, a deny on *", { role: "r", policy: ref("Scoped") }, "compliant"],
    ["s3:* on *", { role: "r", policy: ref("ServiceAdmin") }, /policy: statement AllOfS3 allows s3:\* on "\*"/],
    [
      "* on * merged over a scoped source document",
      { role: "r", policy: ref("Merged") },
      /a statement allows \* on "\*"/,
    ],
    ["NotAction on *", { role: "r", policy: ref("NotAction") }, /allows every action but iam:\* on "\*" \(NotAction\)/],
    [
      "a JSON policy with Action *",
      { role: "r", policy: JSON.stringify({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } }) },
      /allows \* on "\*"/,
    ],
    [
      "a policy built with a function",
      { role: "r", policy: "${jsonencode(local.policy)}" },
      /policy cannot be read at synth time \(an expression the policy pack cannot evaluate/,
    ],
  ])("aws_iam_role_policy with %s", (_name, attributes, expected) =>
    expectVerdict(iamNoWildcardAdmin, attributes, expected, { type: "aws_iam_role_policy", documents: DOCUMENTS }),
  );

  test.each<Case>([
    [
      "a scoped AWS managed policy",
      { role: "r", policy_arn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy" },
      "compliant",
    ],
    [
      "AdministratorAccess",
      { role: "r", policy_arn: "arn:aws:iam::aws:policy/AdministratorAccess" },
      /attaches arn:aws:iam::aws:policy\/AdministratorAccess/,
    ],
    [
      "PowerUserAccess",
      { role: "r", policy_arn: "arn:aws:iam::aws:policy/PowerUserAccess" },
      /PowerUserAccess, which allows \(nearly\) every action/,
    ],
  ])("aws_iam_role_policy_attachment of %s", (_name, attributes, expected) =>
    expectVerdict(iamNoWildcardAdmin, attributes, expected, { type: "aws_iam_role_policy_attachment" }),
  );

  it("judges a role's inline policies and managed policy ARNs", () => {
    expectVerdict(
      iamNoWildcardAdmin,
      { name: "r", inline_policy: [{ name: "i", policy: ref("ServiceAdmin") }], managed_policy_arns: [] },
      /inline_policy\[0\]: statement AllOfS3 allows s3:\* on "\*"/,
      { type: "aws_iam_role", documents: DOCUMENTS },
    );
    expectVerdict(iamNoWildcardAdmin, { name: "r", assume_role_policy: ref("Scoped") }, "compliant", {
      type: "aws_iam_role",
      documents: DOCUMENTS,
    });
  });

  it("judges key policies, where kms:* on * is the AWS default (suppressed on titan's keys with its reason)", () => {
    const keyPolicy = { Root: { statement: [{ sid: "Root", actions: ["kms:*"], resources: ["*"] }] } };
    expectVerdict(iamNoWildcardAdmin, { policy: ref("Root") }, /statement Root allows kms:\* on "\*"/, {
      type: "aws_kms_key",
      documents: keyPolicy,
    });
  });
});
