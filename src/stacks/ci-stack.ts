import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import type { TitanConfig } from "../config";
import { applyStatements, type CiScope, planStatements } from "../modules/ci/ci-permissions";
import { GITHUB_OIDC_HOST, GithubActionsRole } from "../modules/ci/github-actions-role";
import { roleBoundaryStatements } from "../modules/ci/role-boundary";
import { DatabaseCredentials } from "../modules/database/db-credentials";
import { OriginVerifySecret } from "../modules/edge/origin-verify-secret";
import { GrafanaAdminCredentials } from "../modules/observability/grafana-admin-credentials";
import { Namer } from "../naming";
import { suppressRule } from "../policy";
import { awsProvider, stateBucketName, TitanStack, type TitanStackProps } from "./stack-base";

const READ_ONLY_ACCESS = "arn:aws:iam::aws:policy/ReadOnlyAccess";

/** Why the apply role's service-wide statement is not the wildcard grant TITAN-IAM-1 forbids. */
const APPLY_REASON =
  "the apply role creates, changes and deletes every kind of resource titan manages: actions are limited to those services (a test keeps the list in step with the stacks), IAM, S3, secrets and parameters to titan's names, every role it makes carries the boundary, the guardrails deny other teams' keys, databases and networks, and only a job in the approved environment can assume it";

/** Why the boundary's allow-everything-but-IAM statement is not the grant TITAN-IAM-1 forbids. */
const BOUNDARY_REASON =
  "a permissions boundary grants nothing by itself: it caps every titan role at everything but IAM, Organizations and account changes, minus the apply role's guardrails, whatever the role's own policies say";

/**
 * The team workflow's AWS side: GitHub's OIDC provider, a plan role for pushes to the main branch
 * and an apply role for jobs in the approval environment. Applied once by an administrator, after
 * the state stacks; its state is in the DR region's bucket, like `global`, because the workflow
 * that operates `dr` during a primary-region outage depends on it.
 */
export class CiStack extends TitanStack {
  /**
   * The permissions boundary's name: every other stack sets it on its roles by ARN
   * (`requirePermissionsBoundary`), and the apply role may create no role without it.
   */
  static roleBoundaryName(config: TitanConfig): string {
    return new Namer(config.project, "global", config.bucketSuffix).name("ci-role-boundary", "iamPolicy");
  }

  /** The plan role's name: the clusters give it read access for the `*-k8s` plans. */
  static planRoleName(config: TitanConfig): string {
    return new Namer(config.project, "global", config.bucketSuffix).name("ci-plan", "iamRole");
  }

  /** The apply role's name: the clusters give it admin access for the `*-k8s` applies. */
  static applyRoleName(config: TitanConfig): string {
    return new Namer(config.project, "global", config.bucketSuffix).name("ci-apply", "iamRole");
  }

  readonly planRoleArn: string;
  readonly applyRoleArn: string;
  readonly roleBoundary: IamPolicy;

  constructor(scope: Construct, id: string, props: TitanStackProps) {
    super(scope, id, props.config, { nameScope: "global", stateRole: "dr", backend: props.backend });
    const { config } = props;
    // IAM is global; the DR region keeps this stack free of the primary region.
    awsProvider(this, config, { region: config.regions.dr.region, scope: "global" });
    const accountId = new DataAwsCallerIdentity(this, "Account").accountId;
    const repository = config.ci.githubRepository;

    const oidcProviderArn = config.ci.createOidcProvider
      ? new IamOpenidConnectProvider(this, "GithubOidc", {
          url: `https://${GITHUB_OIDC_HOST}`,
          clientIdList: ["sts.amazonaws.com"],
        }).arn
      : `arn:aws:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;

    const planRoleName = CiStack.planRoleName(config);
    const applyRoleName = CiStack.applyRoleName(config);
    const plan = new GithubActionsRole(this, "PlanRole", {
      roleName: planRoleName,
      description: `Live plans of ${repository}'s ${config.ci.mainBranch} branch: read-only, plus the state lock`,
      oidcProviderArn,
      subject: `repo:${repository}:ref:refs/heads/${config.ci.mainBranch}`,
    });
    const apply = new GithubActionsRole(this, "ApplyRole", {
      roleName: applyRoleName,
      description: `Applies approved plans: only jobs in ${repository}'s ${config.ci.applyEnvironment} environment`,
      oidcProviderArn,
      subject: `repo:${repository}:environment:${config.ci.applyEnvironment}`,
    });

    const guardrails = { accountId, project: config.project, teardown: config.teardown };
    const boundary = new Construct(this, "RoleBoundary");
    const boundaryDocument = new DataAwsIamPolicyDocument(boundary, "Document", {
      statement: roleBoundaryStatements(guardrails),
    });
    this.roleBoundary = new IamPolicy(boundary, "Resource", {
      name: CiStack.roleBoundaryName(config),
      description: "Permissions boundary of every titan role: no IAM changes, none of the apply role's guardrails",
      policy: boundaryDocument.json,
    });
    suppressRule(this.roleBoundary, "TITAN-IAM-1", BOUNDARY_REASON);

    const ciScope: CiScope = {
      accountId,
      project: config.project,
      stateBuckets: [stateBucketName(config, "primary"), stateBucketName(config, "dr")],
      planSecretNames: [
        DatabaseCredentials.secretName(this.namer.forScope("primary")),
        OriginVerifySecret.secretName(this.namer.forScope("primary")),
        GrafanaAdminCredentials.secretName(this.namer.forScope("primary")),
        GrafanaAdminCredentials.secretName(this.namer.forScope("dr")),
      ],
      ciRoleNames: [planRoleName, applyRoleName],
      roleBoundaryArn: this.roleBoundary.arn,
      teardown: config.teardown,
    };
    new IamRolePolicyAttachment(plan, "ReadOnlyAccess", { role: plan.name, policyArn: READ_ONLY_ACCESS });
    const planPolicy = new DataAwsIamPolicyDocument(plan, "PermissionsPolicy", { statement: planStatements(ciScope) });
    new IamRolePolicy(plan, "Policy", { name: "plan", role: plan.role.id, policy: planPolicy.json });

    const applyPolicy = new DataAwsIamPolicyDocument(apply, "PermissionsPolicy", {
      statement: applyStatements(ciScope),
    });
    const applyRolePolicy = new IamRolePolicy(apply, "Policy", {
      name: "apply",
      role: apply.role.id,
      policy: applyPolicy.json,
    });
    suppressRule(applyRolePolicy, "TITAN-IAM-1", APPLY_REASON);

    this.planRoleArn = plan.arn;
    this.applyRoleArn = apply.arn;
    new TerraformOutput(this, "plan_role_arn", {
      value: plan.arn,
      description: "Repository variable TITAN_PLAN_ROLE_ARN of the team workflow",
    });
    new TerraformOutput(this, "apply_role_arn", {
      value: apply.arn,
      description: "Repository variable TITAN_APPLY_ROLE_ARN of the team workflow",
    });
    new TerraformOutput(this, "role_boundary_arn", {
      value: this.roleBoundary.arn,
      description: "Permissions boundary every titan role carries (the apply role creates no role without it)",
    });
  }
}
