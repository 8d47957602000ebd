import { Testing } from "cdktf";
import { CI_STACK_ID } from "../../src/app";
import { resolveConfig } from "../../src/config";
import { ATTACHABLE_MANAGED_POLICIES } from "../../src/modules/ci/ci-permissions";
import { GithubActionsRole } from "../../src/modules/ci/github-actions-role";
import { checkPolicy, formatFinding } from "../../src/policy";
import type { CiStack } from "../../src/stacks/ci-stack";
import { ADDRESS_VARIANTS } from "../../src/tooling/addresses";
import { type Statement, statements } from "../modules/compute/synthesized";
import { buildApp, resourcesOf, type SynthesizedStack, synthJson, testConfig } from "../support/synth";
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

  it("opens the master password in no plan but primary's: the bootstrap Job reads it in its own pod", () => {
    // primary's cluster reads it back into master_password_wo (db_master_secret); any other stack
    // would name the secret in an ephemeral or data read, as primary-k8s once did for the Job.
    const openers = Object.values(buildApp(testConfig(CI)))
      .filter((stack) => {
        const rendered = synthJson(stack) as SynthesizedStack & { ephemeral?: object };
        const reads = JSON.stringify({ ephemeral: rendered.ephemeral, data: rendered.data });
        return reads.includes("titan-primary-db-master") || reads.includes("db_master_secret");
      })
      .map((stack) => stack.node.id);
    expect(openers).toEqual(["primary"]);
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

  it("passes the policy, the apply role's service-wide grant and the boundary suppressed with their reasons", () => {
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
      expect.objectContaining({
        ruleId: "TITAN-IAM-1",
        constructPath: "ci/RoleBoundary/Resource",
        suppression: expect.objectContaining({
          reason: expect.stringMatching(/^a permissions boundary grants nothing/),
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

/** A synthesized document's statements with the account and the boundary's ARN as AWS will see them. */
function rendered(json: SynthesizedStack, path: string): string {
  return JSON.stringify(statements(json, path))
    .replaceAll("${data.aws_caller_identity.Account.account_id}", "111122223333")
    .replace(
      /\$\{aws_iam_policy\.RoleBoundary_\w+\.arn\}/g,
      "arn:aws:iam::111122223333:policy/titan-global-ci-role-boundary",
    );
}

describe("the apply role cannot escalate, nor reach other teams' resources", () => {
  const json = synthJson(ciStack());
  const apply = statements(json, "ApplyRole/PermissionsPolicy");
  const bySid = (list: Statement[], sid: string): Statement =>
    list.find((s) => s.sid === sid) ?? { sid: `${sid} is missing` };
  const boundaryArn = `\${aws_iam_policy.${Object.keys(resourcesOf(json, "aws_iam_policy"))[0]}.arn}`;

  it("creates and changes roles only with the boundary, which it can neither remove nor edit", () => {
    expect(bySid(apply, "RolesOnlyWithTheBoundary")).toMatchObject({
      effect: "Deny",
      actions: expect.arrayContaining(["iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy"]),
      resources: ["*"],
      condition: [{ test: "StringNotEquals", variable: "iam:PermissionsBoundary", values: [boundaryArn] }],
    });
    expect(bySid(apply, "KeepTheBoundary")).toMatchObject({
      effect: "Deny",
      actions: ["iam:DeleteRolePermissionsBoundary"],
    });
    expect(bySid(apply, "LeaveTheBoundaryAlone")).toMatchObject({
      effect: "Deny",
      not_actions: ["iam:Get*", "iam:List*"],
      resources: [boundaryArn],
    });
    expect(Object.values(resourcesOf(json, "aws_iam_policy"))).toEqual([
      expect.objectContaining({ name: "titan-global-ci-role-boundary" }),
    ]);
    expect(json.output?.role_boundary_arn.value).toBe(boundaryArn);
  });

  it("attaches only the AWS managed policies titan's roles use, none of them an admin policy", () => {
    expect(bySid(apply, "OnlyTheManagedPoliciesTitanUses")).toMatchObject({
      effect: "Deny",
      actions: ["iam:AttachRolePolicy"],
      condition: [{ test: "ArnNotEquals", variable: "iam:PolicyARN", values: [...ATTACHABLE_MANAGED_POLICIES] }],
    });
    const attached = new Set<string>();
    const configs = [...Object.values(ADDRESS_VARIANTS), { teardown: true }, { dr: { activeRole: "dr" } }];
    for (const overrides of configs) {
      for (const stack of buildApp(testConfig({ ...overrides, ...CI })).primary.node.root.node.children) {
        if (stack.node.id === CI_STACK_ID) {
          continue;
        }
        const json = JSON.parse(Testing.synth(stack as CiStack)) as SynthesizedStack;
        for (const attachment of Object.values(json.resource?.aws_iam_role_policy_attachment ?? {})) {
          attached.add(String(attachment.policy_arn));
        }
      }
    }
    expect([...attached].sort()).toEqual([...ATTACHABLE_MANAGED_POLICIES].sort());
    expect(ATTACHABLE_MANAGED_POLICIES.join(" ")).not.toMatch(/AdministratorAccess|PowerUser|IAMFullAccess|FullAccess/);
  });

  it("keeps off keys, databases and networks without titan's Project tag, and tags every key it creates", () => {
    const notTitan = { test: "StringNotEquals", variable: "aws:ResourceTag/Project", values: ["titan"] };
    expect(bySid(apply, "OnlyTitanKeys")).toMatchObject({
      effect: "Deny",
      actions: expect.arrayContaining([
        "kms:ScheduleKeyDeletion",
        "kms:PutKeyPolicy",
        "kms:Decrypt",
        "kms:TagResource",
      ]),
      resources: ["arn:aws:kms:*:${data.aws_caller_identity.Account.account_id}:key/*"],
      // Calls S3 and Secrets Manager make for the caller use AWS-managed keys, which carry no tags.
      condition: [notTitan, { test: "Null", variable: "kms:ViaService", values: ["true"] }],
    });
    expect(bySid(apply, "TagEveryNewKey").condition).toEqual([
      { test: "StringNotEquals", variable: "aws:RequestTag/Project", values: ["titan"] },
    ]);
    expect(bySid(apply, "OnlyTitanDatabases")).toMatchObject({
      effect: "Deny",
      actions: expect.arrayContaining(["rds:ModifyDBCluster", "rds:DeleteDBCluster", "rds:DeleteGlobalCluster"]),
      condition: [notTitan],
    });
    expect(bySid(apply, "OnlyTitanDatabases").resources).toContain(
      "arn:aws:rds::${data.aws_caller_identity.Account.account_id}:global-cluster:*",
    );
    expect(bySid(apply, "OnlyTitanNetworks")).toMatchObject({
      effect: "Deny",
      actions: expect.arrayContaining(["ec2:DeleteVpc", "ec2:DeleteSubnet", "ec2:DeleteNatGateway"]),
      condition: [notTitan],
    });
    // Security groups are out: the VPC's default group and EKS's cluster group carry no Project tag.
    expect(bySid(apply, "OnlyTitanNetworks").resources?.join(" ")).not.toContain("security-group");
    expect(bySid(apply, "NoTaggingIntoScope").condition).toEqual([
      notTitan,
      { test: "Null", variable: "ec2:CreateAction", values: ["true"] },
    ]);
  });

  it("deletes no recovery point, lock or vault and schedules no key deletion, unless the config sets teardown", () => {
    expect(bySid(apply, "KeepRecoveryPointsUntilTeardown")).toMatchObject({
      effect: "Deny",
      actions: [
        "backup:DeleteBackupVault",
        "backup:DeleteBackupVaultLockConfiguration",
        "backup:DeleteRecoveryPoint",
        "backup:UpdateRecoveryPointLifecycle",
      ],
      resources: ["*"],
    });
    expect(bySid(apply, "KeepKeysUntilTeardown")).toMatchObject({
      effect: "Deny",
      actions: ["kms:ScheduleKeyDeletion"],
    });
    const teardown = statements(synthJson(ciStack({ ...CI, teardown: true })), "ApplyRole/PermissionsPolicy").map(
      (s) => s.sid,
    );
    expect(teardown).not.toContain("KeepRecoveryPointsUntilTeardown");
    expect(teardown).not.toContain("KeepKeysUntilTeardown");
    expect(teardown).toContain("OnlyTitanKeys");
  });

  it("bounds every role the boundary applies to by the same guardrails, and lets none change an identity", () => {
    const boundary = statements(json, "RoleBoundary/Document");
    expect(boundary[0]).toMatchObject({ not_actions: ["iam:*", "organizations:*", "account:*"], resources: ["*"] });
    expect(bySid(boundary, "PassOnlyTitanRoles").resources).toEqual([
      "arn:aws:iam::${data.aws_caller_identity.Account.account_id}:role/titan-*",
    ]);
    for (const sid of ["OnlyTitanKeys", "OnlyTitanDatabases", "OnlyTitanNetworks", "KeepRecoveryPointsUntilTeardown"]) {
      expect(bySid(boundary, sid)).toEqual(bySid(apply, sid));
    }
  });

  it("fits IAM's size limits: 10,240 characters of inline policy per role, 6,144 per managed policy", () => {
    // Whitespace does not count; the rendered JSON here is compact, with a real account id.
    expect(rendered(json, "ApplyRole/PermissionsPolicy").length).toBeLessThan(10240);
    expect(rendered(json, "RoleBoundary/Document").length).toBeLessThan(6144);
  });
});

describe("every role of the other stacks carries the CI role boundary", () => {
  it("sets it on every IAM role outside the ci stack when the workflow exists, each stack after the ci stack", () => {
    const root = buildApp(testConfig({ ...CI, web: { runtime: "ec2" } })).primary.node.root;
    let roles = 0;
    for (const stack of root.node.children as CiStack[]) {
      if (stack.node.id === CI_STACK_ID || stack.node.id.startsWith("state-")) {
        continue;
      }
      const json = synthJson(stack);
      for (const role of Object.values(resourcesOf(json, "aws_iam_role"))) {
        roles++;
        expect(role.permissions_boundary).toMatch(
          /^arn:aws:iam::\$\{data\.aws_caller_identity\.\w+\.account_id\}:policy\/titan-global-ci-role-boundary$/,
        );
      }
      if (Object.keys(resourcesOf(json, "aws_iam_role")).length > 0) {
        expect(stack.dependencies.map((d) => d.node.id)).toContain(CI_STACK_ID);
      }
    }
    expect(roles).toBeGreaterThan(15);
  });

  it("sets none without the workflow: there is no boundary to point at", () => {
    for (const stack of Object.values(buildApp())) {
      for (const role of Object.values(resourcesOf(synthJson(stack), "aws_iam_role"))) {
        expect(role).not.toHaveProperty("permissions_boundary");
      }
    }
  });
});
