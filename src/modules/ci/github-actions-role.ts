import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Construct } from "constructs";
import { textPattern } from "../../validation/limits";
import { PropChecks } from "../../validation/prop-checks";

/** GitHub's OIDC token issuer, as IAM condition keys name it (no scheme). */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";

/** One repository and one branch or environment, without wildcards. */
const GITHUB_JOB_SUBJECT = textPattern(
  /^repo:[^*/:]+\/[^*/:]+:(ref:refs\/heads\/[^*]+|environment:[^*]+)$/,
  "one repository and one branch or environment without wildcards (repo:<owner>/<repo>:ref:refs/heads/<branch> or repo:<owner>/<repo>:environment:<name>)",
);

export interface GithubActionsRoleProps {
  /** Account-wide IAM name. */
  readonly roleName: string;
  readonly description: string;
  /** ARN of the account's OIDC provider for `token.actions.githubusercontent.com`. */
  readonly oidcProviderArn: string;
  /**
   * The exact `sub` claim of the jobs that may assume the role, e.g.
   * `repo:octo-org/titan:ref:refs/heads/main` or `repo:octo-org/titan:environment:production`.
   */
  readonly subject: string;
  /** @default 3600: one hour, the longest a plan or an apply of one stack should take */
  readonly maxSessionDurationSeconds?: number;
}

/**
 * An IAM role a GitHub Actions job assumes with its OIDC token: short-lived credentials, no stored
 * keys. The trust pins the audience and the exact subject (repository plus branch or environment),
 * so no other repository, branch, pull request or environment can obtain it.
 */
export class GithubActionsRole extends Construct {
  readonly role: IamRole;
  readonly arn: string;
  readonly name: string;

  constructor(scope: Construct, id: string, props: GithubActionsRoleProps) {
    super(scope, id);
    new PropChecks(this).matches("subject", props.subject, GITHUB_JOB_SUBJECT).throwIfAny();
    const trust = new DataAwsIamPolicyDocument(this, "TrustPolicy", {
      statement: [
        {
          sid: "OnlyTheseGithubJobs",
          actions: ["sts:AssumeRoleWithWebIdentity"],
          principals: [{ type: "Federated", identifiers: [props.oidcProviderArn] }],
          condition: [
            { test: "StringEquals", variable: `${GITHUB_OIDC_HOST}:aud`, values: ["sts.amazonaws.com"] },
            { test: "StringEquals", variable: `${GITHUB_OIDC_HOST}:sub`, values: [props.subject] },
          ],
        },
      ],
    });
    this.role = new IamRole(this, "Resource", {
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: trust.json,
      maxSessionDuration: props.maxSessionDurationSeconds ?? 3600,
    });
    this.arn = this.role.arn;
    this.name = this.role.name;
  }
}
