import { Testing } from "cdktf";
import { CI_STACK_ID } from "../../src/app";
import { resolveConfig } from "../../src/config";
import { GithubActionsRole } from "../../src/modules/ci/github-actions-role";
import { checkPolicy, formatFinding } from "../../src/policy";
import type { CiStack } from "../../src/stacks/ci-stack";
import { type Statement, statements } from "../modules/compute/synthesized";
import { buildApp, type SynthesizedStack, synthJson, testConfig } from "../support/synth";
import { removeTempDirs } from "../tooling/fixtures";

const CI = { ci: { githubRepository: "octo-org/titan" } };

afterAll(removeTempDirs);

function ciStack(overrides: object = CI): CiStack {
  const app = buildApp(testConfig(overrides)).primary.node.root;
  return app.node.findChild(CI_STACK_ID) as CiStack;
}

/** The trust statement of a role by its construct path in the synthesized stack. */
function trust(json: SynthesizedStack, path: string): Statement {
  return statements(json, `${path}/TrustPolicy`)[0];
}

/**
 * The names of the secrets plans open, over every stack: `aws_secretsmanager_secret_version` data
 * sources and ephemeral blocks, by literal name or by reference to a secret of the same stack.
 */
function secretsOpenedAtPlan(): Set<string> {
  const names = new Set<string>();
  for (const stack of buildApp(testConfig(CI)).primary.node.root.node.children) {
    const rendered = JSON.parse(Testing.synth(stack as CiStack)) as SynthesizedStack & {
      ephemeral?: SynthesizedStack["data"];
    };
    const secrets = rendered.resource?.aws_secretsmanager_secret ?? {};
    for (const kind of [rendered.data, rendered.ephemeral]) {
      for (const read of Object.values(kind?.aws_secretsmanager_secret_version ?? {})) {
        const id = String(read.secret_id);
        const reference = /^\$\{aws_secretsmanager_secret\.([^.]+)\.(id|arn)\}$/.exec(id);
        names.add(reference ? String(secrets[reference[1]]?.name) : id);
      }
    }
  }
  return names;
}

describe("the ci stack", () => {
  const json = synthJson(ciStack());

  it("is built only when the config names the repository, after the DR state bucket that holds its state", () => {
    expect(buildApp().primary.node.root.node.tryFindChild(CI_STACK_ID)).toBeUndefined();
    const stack = ciStack();
    expect(stack.dependencies.map((d) => d.node.id)).toEqual(["state-dr"]);
    expect(json.terraform.backend?.s3).toMatchObject({
      bucket: "titan-dr-tfstate",
      key: "titan/ci/terraform.tfstate",
      region: "us-west-1",
    });
    expect(json.provider?.aws).toEqual([expect.objectContaining({ region: "us-west-1" })]);
  });

  it("creates GitHub's OIDC provider, or uses the account's existing one", () => {
    expect(Object.values(json.resource?.aws_iam_openid_connect_provider ?? {})).toEqual([
      expect.objectContaining({
        url: "https://token.actions.githubusercontent.com",
        client_id_list: ["sts.amazonaws.com"],
      }),
    ]);
    const existing = synthJson(ciStack({ ci: { githubRepository: "octo-org/titan", createOidcProvider: false } }));
    expect(existing.resource?.aws_iam_openid_connect_provider).toBeUndefined();
    expect(trust(existing, "PlanRole").principals?.[0].identifiers).toEqual([
      "arn:aws:iam::${data.aws_caller_identity.Account.account_id}:oidc-provider/token.actions.githubusercontent.com",
    ]);
  });

  it("lets only pushes to the main branch assume the plan role, and only approved environment jobs the apply role", () => {
    const condition = (path: string) => trust(json, path).condition;
    expect(condition("PlanRole")).toEqual([
      { test: "StringEquals", variable: "token.actions.githubusercontent.com:aud", values: ["sts.amazonaws.com"] },
      {
        test: "StringEquals",
        variable: "token.actions.githubusercontent.com:sub",
        values: ["repo:octo-org/titan:ref:refs/heads/main"],
      },
    ]);
    expect(condition("ApplyRole")?.[1].values).toEqual(["repo:octo-org/titan:environment:production"]);
    expect(Object.values(json.resource?.aws_iam_role ?? {})).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "titan-global-ci-plan", max_session_duration: 3600 }),
        expect.objectContaining({ name: "titan-global-ci-apply", max_session_duration: 3600 }),
      ]),
    );
  });

  it("gives the plan role read-only access, the state lock, the plan-time secrets, and no object but the state", () => {
    expect(Object.values(json.resource?.aws_iam_role_policy_attachment ?? {})).toEqual([
      expect.objectContaining({ policy_arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }),
    ]);
    const plan = statements(json, "PlanRole/PermissionsPolicy");
    expect(plan.map((s) => s.sid)).toEqual([
      "TakeTheStateLock",
      "StoreTheSavedPlan",
      "GeneratePasswordAtPlan",
      "ReadTheSecretsAPlanOpens",
      "DecryptThoseSecretsThroughSecretsManager",
      "ReadNoObjectButTheState",
    ]);
    expect(plan[0].resources).toEqual([
      "arn:aws:s3:::titan-primary-tfstate/titan/*.tflock",
      "arn:aws:s3:::titan-dr-tfstate/titan/*.tflock",
    ]);
    expect(plan[1]).toMatchObject({
      actions: ["s3:PutObject"],
      resources: ["arn:aws:s3:::titan-primary-tfstate/titan/plans/*", "arn:aws:s3:::titan-dr-tfstate/titan/plans/*"],
    });
    expect(plan[4]).toMatchObject({
      actions: ["kms:Decrypt"],
      condition: [
        { test: "StringLike", variable: "kms:ViaService", values: ["secretsmanager.*.amazonaws.com"] },
        { test: "StringLike", variable: "kms:EncryptionContext:SecretARN", values: plan[3].resources },
      ],
    });
    expect(plan[5]).toMatchObject({
      effect: "Deny",
      not_resources: ["arn:aws:s3:::titan-primary-tfstate/*", "arn:aws:s3:::titan-dr-tfstate/*"],
    });
  });

  it("lets the plan role read every secret a plan of any stack opens, and no other", () => {
    const readable = statements(json, "PlanRole/PermissionsPolicy").find((s) => s.sid === "ReadTheSecretsAPlanOpens");
    const names = (readable?.resources ?? []).map((arn) => /:secret:(.+)-\?{6}$/.exec(arn)?.[1]);
    expect(readable?.resources?.every((arn) => arn.startsWith("arn:aws:secretsmanager:*:"))).toBe(true);
    expect(names.sort()).toEqual([...secretsOpenedAtPlan()].sort());
  });

  it("keeps the apply role off titan's CI roles, and IAM and S3 on titan's names", () => {
    const apply = statements(json, "ApplyRole/PermissionsPolicy");
    const bySid = (sid: string): Statement => apply.find((s) => s.sid === sid) ?? { sid: `${sid} is missing` };
    expect(bySid("LeaveTheCiRolesAlone")).toMatchObject({
      effect: "Deny",
      actions: ["iam:*"],
      resources: [
        "arn:aws:iam::${data.aws_caller_identity.Account.account_id}:role/titan-global-ci-plan",
        "arn:aws:iam::${data.aws_caller_identity.Account.account_id}:role/titan-global-ci-apply",
      ],
    });
    expect(bySid("ManageTitanBuckets").resources).toEqual(["arn:aws:s3:::titan-*", "arn:aws:s3:::titan-*/*"]);
    expect(bySid("ManageTitanServices").actions).not.toContain("iam:*");
    expect(bySid("ManageTitanServices").actions).not.toContain("s3:*");
  });

  it("passes the policy, the apply role's service-wide grant suppressed with its reason", () => {
    const report = checkPolicy(ciStack().node.root);
    expect(report.violations.map(formatFinding)).toEqual([]);
    expect(report.suppressed.filter((f) => f.constructPath.startsWith("ci/"))).toEqual([
      expect.objectContaining({
        ruleId: "TITAN-IAM-1",
        constructPath: "ci/ApplyRole/Policy",
        suppression: expect.objectContaining({
          reason: expect.stringMatching(/^the apply role creates, changes and deletes/),
        }),
      }),
    ]);
  });

  test.each(["octo-org", "octo-org/titan/extra", "*/titan", "octo org/titan"])(
    "refuses ci.githubRepository %j",
    (repository) => {
      expect(() => resolveConfig({ ci: { githubRepository: repository } }, "test")).toThrow(
        /ci\.githubRepository: must be empty or owner\/repository/,
      );
    },
  );

  it("accepts the immutable subject form, owner@id/repository@id", () => {
    const json = synthJson(ciStack({ ci: { githubRepository: "octo-org@123/titan@456" } }));
    expect(trust(json, "ApplyRole").condition?.[1].values).toEqual([
      "repo:octo-org@123/titan@456:environment:production",
    ]);
  });

  it("refuses a role subject with wildcards", () => {
    expect(() =>
      Testing.synthScope(
        (scope) =>
          new GithubActionsRole(scope, "R", {
            roleName: "r",
            description: "d",
            oidcProviderArn: "arn",
            subject: "repo:octo-org/*:ref:refs/heads/main",
          }),
      ),
    ).toThrow(/subject: must be one repository and one branch or environment without wildcards/);
  });
});
