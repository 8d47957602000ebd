import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Testing } from "cdktf";
import { ServiceRole, type ServiceRoleProps } from "../../../src/modules/security/service-role";
import { element, parse, statements } from "../compute/synthesized";

const ACCOUNT = "111122223333";
const PROJECT_ARN = `arn:aws:codebuild:us-east-2:${ACCOUNT}:project/titan-primary-image-build`;

const baseProps: ServiceRoleProps = {
  roleName: "titan-primary-example",
  description: "What the example service does with the role",
  servicePrincipal: "example.amazonaws.com",
};

function synth(props: Partial<ServiceRoleProps> = {}): string {
  return Testing.synthScope((scope) => {
    new ServiceRole(scope, "Example", { ...baseProps, ...props });
  });
}

describe("ServiceRole", () => {
  it("names and describes the role, which trusts the service through the trust policy", () => {
    const json = parse(synth());
    const role = element(json, "resource", "aws_iam_role", "Example");
    expect(role.name).toBe("titan-primary-example");
    expect(role.description).toBe("What the example service does with the role");
    const trust = element(json, "data", "aws_iam_policy_document", "Example/TrustPolicy");
    expect(role.assume_role_policy).toBe(`\${data.aws_iam_policy_document.${trust.logicalId}.json}`);
  });

  it("leaves the description out when none is given", () => {
    const role = element(parse(synth({ description: undefined })), "resource", "aws_iam_role", "Example");
    expect(role).not.toHaveProperty("description");
  });

  it("without source conditions, lets the service assume the role with no sid and no condition", () => {
    expect(statements(parse(synth()), "Example/TrustPolicy")).toEqual([
      { actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["example.amazonaws.com"] }] },
    ]);
  });

  it("with sourceAccount, lets the service assume the role only acting for that account", () => {
    const json = synth({ sourceAccount: ACCOUNT, trustStatementSid: "ExampleForThisAccount" });
    expect(statements(parse(json), "Example/TrustPolicy")).toEqual([
      {
        sid: "ExampleForThisAccount",
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["example.amazonaws.com"] }],
        condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [ACCOUNT] }],
      },
    ]);
  });

  it("with sourceAccount and sourceArn, lets the service assume the role only acting for that exact resource", () => {
    const json = synth({ sourceAccount: ACCOUNT, sourceArn: PROJECT_ARN });
    expect(statements(parse(json), "Example/TrustPolicy")[0].condition).toEqual([
      { test: "StringEquals", variable: "aws:SourceAccount", values: [ACCOUNT] },
      { test: "ArnEquals", variable: "aws:SourceArn", values: [PROJECT_ARN] },
    ]);
  });

  it("matches a sourceArn pattern with ArnLike, for a family of resources named alike", () => {
    const pattern = `arn:aws:rds:us-east-2:${ACCOUNT}:db:titan-primary-aurora-*`;
    expect(statements(parse(synth({ sourceArn: pattern })), "Example/TrustPolicy")[0].condition).toEqual([
      { test: "ArnLike", variable: "aws:SourceArn", values: [pattern] },
    ]);
  });

  it("with sourceArn alone, adds only the aws:SourceArn condition", () => {
    expect(statements(parse(synth({ sourceArn: PROJECT_ARN })), "Example/TrustPolicy")[0].condition).toEqual([
      { test: "ArnEquals", variable: "aws:SourceArn", values: [PROJECT_ARN] },
    ]);
  });

  it("attaches each managed policy under its own name, and exposes the attachments in order", () => {
    const arns = [
      "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
      "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
    ];
    let attachments: readonly IamRolePolicyAttachment[] = [];
    const json = parse(
      Testing.synthScope((scope) => {
        attachments = new ServiceRole(scope, "Example", { ...baseProps, managedPolicyArns: arns }).policyAttachments;
      }),
    );
    expect(attachments.map((attachment) => attachment.node.id)).toEqual([
      "AmazonSSMManagedInstanceCore",
      "AmazonRDSEnhancedMonitoringRole",
    ]);
    const role = element(json, "resource", "aws_iam_role", "Example");
    for (const [index, name] of ["AmazonSSMManagedInstanceCore", "AmazonRDSEnhancedMonitoringRole"].entries()) {
      const attachment = element(json, "resource", "aws_iam_role_policy_attachment", `ManagedPolicies/${name}`);
      expect(attachment.policy_arn).toBe(arns[index]);
      expect(attachment.role).toBe(`\${aws_iam_role.${role.logicalId}.name}`);
    }
  });

  it("attaches no managed policy by default", () => {
    const json = synth();
    expect(json).toHaveResource(IamRole);
    expect(json).toHaveDataSource(DataAwsIamPolicyDocument);
    expect(json).not.toHaveResource(IamRolePolicyAttachment);
  });

  test.each<[string, Partial<ServiceRoleProps>, RegExp]>([
    [
      "a principal that is not an AWS service",
      { servicePrincipal: "arn:aws:iam::111122223333:root" },
      /servicePrincipal: must be an AWS service principal such as "ec2.amazonaws.com", got "arn:aws:iam::111122223333:root"/,
    ],
    [
      "a source account that is not 12 digits",
      { sourceAccount: "1234" },
      /sourceAccount: must be a 12-digit AWS account id.*got "1234"/,
    ],
    [
      "a managed policy that is not a policy ARN",
      { managedPolicyArns: ["AmazonSSMManagedInstanceCore"] },
      /managedPolicyArns\[0\]: must be a literal managed policy ARN \(arn:aws:iam::aws:policy\/<name>\),.*got "AmazonSSMManagedInstanceCore"; put stat/,
    ],
    [
      "the same managed policy twice",
      {
        managedPolicyArns: [
          "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
          "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        ],
      },
      /managedPolicyArns\[1\]: names the policy AmazonSSMManagedInstanceCore again; attach each polic/,
    ],
  ])("rejects %s", (_case, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
