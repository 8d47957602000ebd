import { serviceTrustConditions } from "../../../src/policy/rules/service-trust-conditions";
import { SERVICE_PRINCIPALS, serviceTrust } from "../../../src/policy/service-principals";
import { type Case, expectVerdict, type PolicyDocuments } from "./fixtures";

const ACCOUNT = "111122223333";
const trust = (service: string, condition: object[] = []) => ({
  statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: [service] }], condition }],
});
const SOURCE_ACCOUNT = { test: "StringEquals", variable: "aws:SourceAccount", values: [ACCOUNT] };

const DOCUMENTS: PolicyDocuments = {
  CodeBuildGuarded: trust("codebuild.amazonaws.com", [
    SOURCE_ACCOUNT,
    { test: "ArnEquals", variable: "aws:SourceArn", values: ["arn:aws:codebuild:us-east-2:1:project/p"] },
  ]),
  EksByArnOnly: trust("eks.amazonaws.com", [
    { test: "ArnLike", variable: "AWS:SourceArn", values: ["arn:aws:eks:us-east-2:1:cluster/c"] },
  ]),
  MonitoringBare: trust("monitoring.rds.amazonaws.com"),
  MonitoringNegated: trust("monitoring.rds.amazonaws.com", [
    { test: "StringNotEquals", variable: "aws:SourceAccount", values: ["999999999999"] },
  ]),
  Ec2: trust("ec2.amazonaws.com"),
  Unknown: trust("glue.amazonaws.com", [SOURCE_ACCOUNT]),
  Irsa: {
    statement: [
      {
        actions: ["sts:AssumeRoleWithWebIdentity"],
        principals: [{ type: "Federated", identifiers: ["arn:aws:iam::1:oidc-provider/x"] }],
      },
    ],
  },
  KeyPolicy: {
    statement: [
      {
        sid: "Logs",
        principals: [{ type: "Service", identifiers: ["logs.us-west-1.amazonaws.com"] }],
        actions: ["kms:Decrypt*"],
        resources: ["*"],
        condition: [{ test: "ArnLike", variable: "kms:EncryptionContext:aws:logs:arn", values: ["arn:aws:logs:*"] }],
      },
      {
        sid: "Alarms",
        principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }],
        actions: ["kms:Decrypt"],
        resources: ["*"],
      },
    ],
  },
};
const role = (name: string) => ({ name: "r", assume_role_policy: `\${data.aws_iam_policy_document.${name}.json}` });

describe("TITAN-IAM-2: service trusts carry the confused-deputy conditions the service sends", () => {
  test.each<Case>([
    ["CodeBuild held to the account and the project", role("CodeBuildGuarded"), "compliant"],
    ["EKS held to the cluster's ARN (key names are case-insensitive)", role("EksByArnOnly"), "compliant"],
    ["EC2, which sends no source key for instance roles", role("Ec2"), "compliant"],
    ["a web-identity (IRSA) trust, no service principal", role("Irsa"), "compliant"],
    [
      "RDS monitoring with no condition",
      role("MonitoringBare"),
      /trusts monitoring.rds.amazonaws.com with no aws:SourceAccount \/ aws:SourceArn condition, though the service sends them \(Amazon RDS User Guide/,
    ],
    [
      "RDS monitoring with only a negated condition",
      role("MonitoringNegated"),
      /trusts monitoring.rds.amazonaws.com with no aws:SourceAccount/,
    ],
    [
      "a service the table does not list",
      role("Unknown"),
      /trusts glue.amazonaws.com, which src\/policy\/service-principals.ts does not list: look up whether it sends/,
    ],
  ])("a role trusting %s", (_name, attributes, expected) =>
    expectVerdict(serviceTrustConditions, attributes, expected, { type: "aws_iam_role", documents: DOCUMENTS }),
  );

  it("judges KMS key policies: logs by its encryption context, alarms by their source", () => {
    expectVerdict(
      serviceTrustConditions,
      { policy: "${data.aws_iam_policy_document.KeyPolicy.json}" },
      /^policy: statement Alarms trusts cloudwatch.amazonaws.com with no aws:SourceAccount \/ aws:SourceArn condition/,
      { type: "aws_kms_key", documents: DOCUMENTS },
    );
  });

  it("matches regional principals by their <region> entry", () => {
    expect(serviceTrust("logs.eu-central-1.amazonaws.com")).toBe(SERVICE_PRINCIPALS["logs.<region>.amazonaws.com"]);
    expect(serviceTrust("logs.amazonaws.com")).toBeUndefined();
  });

  it("records a documented source for every entry, and a reason for every service that sends no key", () => {
    for (const [principal, entry] of Object.entries(SERVICE_PRINCIPALS)) {
      expect(`${principal}: ${entry.source}`).toMatch(/: .{20,}/);
      if ("none" in entry) {
        expect(entry.none.length).toBeGreaterThan(40);
      } else {
        expect(entry.keys).toContain("aws:SourceArn");
      }
    }
  });
});
