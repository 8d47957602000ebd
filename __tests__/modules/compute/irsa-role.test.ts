import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Testing } from "cdktf";
import { IrsaRole, type IrsaRoleProps } from "../../../src/modules/compute/irsa-role";
import { Namer } from "../../../src/naming";
import { element, parse, statements } from "./synthesized";

const ISSUER = "oidc.eks.us-east-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const PROVIDER_ARN = `arn:aws:iam::111122223333:oidc-provider/${ISSUER}`;

function synth(props: Partial<IrsaRoleProps> = {}): string {
  return Testing.synthScope((scope) => {
    new IrsaRole(scope, "Role", {
      namer: new Namer("titan", "primary"),
      name: "reader",
      oidcProviderArn: PROVIDER_ARN,
      oidcIssuerUrl: ISSUER,
      namespace: "team",
      serviceAccount: "reader",
      policyStatements: [{ sid: "Read", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::bucket/*"] }],
      ...props,
    });
  });
}

describe("IrsaRole", () => {
  it("trusts only the named service account through the cluster's OIDC provider", () => {
    const [trust] = statements(parse(synth()), "Role/TrustPolicy");
    expect(trust.actions).toEqual(["sts:AssumeRoleWithWebIdentity"]);
    expect(trust.principals).toEqual([{ type: "Federated", identifiers: [PROVIDER_ARN] }]);
    expect(trust.condition).toEqual([
      { test: "StringEquals", variable: `${ISSUER}:sub`, values: ["system:serviceaccount:team:reader"] },
      { test: "StringEquals", variable: `${ISSUER}:aud`, values: ["sts.amazonaws.com"] },
    ]);
  });

  it("is named by the namer, so primary and DR roles never collide", () => {
    expect(synth()).toHaveResourceWithProperties(IamRole, { name: "titan-primary-irsa-reader" });
  });

  it("attaches managed policies keyed by their names", () => {
    const json = parse(
      synth({ policyStatements: undefined, managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }),
    );
    const attachment = element(
      json,
      "resource",
      "aws_iam_role_policy_attachment",
      "ManagedPolicies/AmazonS3ReadOnlyAccess",
    );
    expect(attachment.policy_arn).toBe("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
    expect(json.resource?.aws_iam_role_policy).toBeUndefined();
    expect(synth()).not.toHaveResource(IamRolePolicyAttachment);
  });

  test.each([
    [{ oidcIssuerUrl: `https://${ISSUER}` }, /oidcIssuerUrl: must not include the scheme/],
    [{ namespace: "Team_A" }, /namespace: must be a Kubernetes DNS label.*"Team_A"/],
    [{ serviceAccount: "" }, /serviceAccount: must be a Kubernetes DNS label/],
    [
      { policyStatements: [] },
      /policyStatements: is empty and so is managedPolicyArns; a role with no permissions is us/,
    ],
    [
      { managedPolicyArns: ["AmazonS3ReadOnlyAccess"] },
      /managedPolicyArns\[0\]: must be a literal managed policy ARN \(arn:aws:iam::aws:policy\/<name>\),.*got "AmazonS3ReadOnlyAccess"; put statements/,
    ],
  ])("rejects %p", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
