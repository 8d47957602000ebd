import { webIdentityTrust } from "../../../src/policy/rules/web-identity-trust";
import { type Case, expectVerdict, type PolicyDocuments } from "./fixtures";

const GITHUB = "token.actions.githubusercontent.com";
const webIdentity = (condition: object[]) => ({
  statement: [
    {
      actions: ["sts:AssumeRoleWithWebIdentity"],
      principals: [{ type: "Federated", identifiers: [`arn:aws:iam::1:oidc-provider/${GITHUB}`] }],
      condition,
    },
  ],
});
const AUD = { test: "StringEquals", variable: `${GITHUB}:aud`, values: ["sts.amazonaws.com"] };
const sub = (value: string, test = "StringEquals") => ({ test, variable: `${GITHUB}:sub`, values: [value] });

const DOCUMENTS: PolicyDocuments = {
  Pinned: webIdentity([AUD, sub("repo:octo-org/titan:environment:production")]),
  Irsa: webIdentity([
    { test: "StringEquals", variable: '${replace(x, "https://", "")}:sub', values: ["system:serviceaccount:a:b"] },
    { test: "StringEquals", variable: '${replace(x, "https://", "")}:aud', values: ["sts.amazonaws.com"] },
  ]),
  NoSubject: webIdentity([AUD]),
  NoAudience: webIdentity([sub("repo:octo-org/titan:ref:refs/heads/main")]),
  AnyRepository: webIdentity([AUD, sub("repo:*", "StringLike")]),
  AnyOwner: webIdentity([AUD, sub("repo:*/titan:*", "StringLike")]),
  Service: {
    statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }] }],
  },
};
const role = (name: string) => ({ name: "r", assume_role_policy: `\${data.aws_iam_policy_document.${name}.json}` });

describe("TITAN-IAM-3: web identity trusts pin audience and subject", () => {
  test.each<Case>([
    ["a GitHub environment, exactly", role("Pinned"), "compliant"],
    ["an IRSA service account", role("Irsa"), "compliant"],
    ["a service principal", role("Service"), "not-applicable"],
    ["no subject", role("NoSubject"), /does not pin the token's subject/],
    ["no audience", role("NoAudience"), /does not pin the token's audience/],
    ["any repository", role("AnyRepository"), /matches subjects with a leading wildcard/],
    ["any owner's repository of that name", role("AnyOwner"), /matches subjects with a leading wildcard/],
  ])("%s", (_name, attributes, expected) =>
    expectVerdict(webIdentityTrust, attributes, expected, { type: "aws_iam_role", documents: DOCUMENTS }),
  );
});
