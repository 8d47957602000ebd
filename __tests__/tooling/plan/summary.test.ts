import { guardChanges } from "../../../src/tooling/plan/guard";
import { parsePlan } from "../../../src/tooling/plan/plan-json";
import { renderSummary, shownValue, summarizePlan, terraformCountsLine } from "../../../src/tooling/plan/summary";
import {
  DESTROYED_SECRET,
  planDocument,
  RENAMED_GLOBAL_CLUSTER,
  REPLACED_SECURITY_GROUP,
  resourceChange,
} from "./fixtures";

const STACK_JSON = {
  resource: {
    aws_rds_global_cluster: {
      AuroraGlobal_4EFB8821: { "//": { metadata: { path: "primary/AuroraGlobal/Resource" } } },
    },
  },
};

function plan(...changes: Record<string, unknown>[]) {
  return parsePlan(
    planDocument([
      ...changes,
      resourceChange("aws_vpc.Network", ["create"]),
      resourceChange("aws_subnet.A", ["create"]),
      resourceChange("aws_subnet.B", ["update"]),
      resourceChange("data.aws_iam_policy_document.Doc", ["read"]),
      resourceChange("aws_kms_key.Key", ["no-op"]),
    ]),
  );
}

describe("the plan summary", () => {
  it("counts by action and by resource type, data sources only as reads", () => {
    const summary = summarizePlan(plan(RENAMED_GLOBAL_CLUSTER, REPLACED_SECURITY_GROUP));
    expect(summary.total).toEqual({ create: 2, update: 1, replace: 2, delete: 0, forget: 0, read: 1, "no-op": 1 });
    expect(summary.byType.map(({ type }) => type)).toEqual([
      "aws_rds_global_cluster",
      "aws_security_group",
      "aws_subnet",
      "aws_vpc",
    ]);
    expect(terraformCountsLine(summary)).toBe("Plan: 4 to add, 1 to change, 2 to destroy.");
  });

  it("says No changes. like Terraform when nothing changes", () => {
    expect(terraformCountsLine(summarizePlan(parsePlan(planDocument([]))))).toBe("No changes.");
  });

  it("names the outputs a plan changes, and does not call a plan that only changes outputs No changes.", () => {
    const document = JSON.parse(planDocument([resourceChange("aws_kms_key.Key", ["no-op"])]));
    document.output_changes = {
      vpc_id: { actions: ["create"], after_unknown: false },
      kms_key_arn: { actions: ["update"], after_unknown: false },
      db_hostname: { actions: ["no-op"], after_unknown: false },
    };
    const parsed = parsePlan(JSON.stringify(document));
    expect(parsed.outputChanges).toEqual([
      { name: "kms_key_arn", action: "update" },
      { name: "vpc_id", action: "create" },
    ]);
    const summary = summarizePlan(parsed);
    expect(terraformCountsLine(summary)).toBe("No resource changes; 2 outputs to record.");
    const markdown = renderSummary(summary, guardChanges(parsed.changes, []), {
      stack: "primary",
      mode: "live",
      stackJson: {},
    });
    expect(markdown).toContain("Outputs: `kms_key_arn` (update), `vpc_id` (create).");
  });

  it("never prints a sensitive value and names values known only after apply", () => {
    const change = parsePlan(
      planDocument([
        resourceChange("aws_secretsmanager_secret_version.V", ["delete", "create"], {
          before: { secret_string: "hunter2", version_stages: ["AWSCURRENT"] },
          after: { secret_string: "s3cret" },
          before_sensitive: { secret_string: true },
          after_sensitive: { secret_string: true },
          after_unknown: { version_stages: true },
          replace_paths: [["secret_string"]],
        }),
      ]),
    ).changes[0];
    expect(shownValue(change, "before", "secret_string")).toBe("(sensitive)");
    expect(shownValue(change, "after", "secret_string")).toBe("(sensitive)");
    expect(shownValue(change, "after", "version_stages")).toBe("(known after apply)");
    expect(shownValue(change, "before", "version_stages")).toBe('["AWSCURRENT"]');
    expect(shownValue(change, "after", "missing")).toBe("null");
  });

  it("lists every replacement and destroy with its construct, reason and forcing attributes, then the guard", () => {
    const parsed = plan(RENAMED_GLOBAL_CLUSTER, REPLACED_SECURITY_GROUP, DESTROYED_SECRET);
    const markdown = renderSummary(summarizePlan(parsed), guardChanges(parsed.changes, []), {
      stack: "primary",
      mode: "offline",
      stackJson: STACK_JSON,
    });
    expect(markdown).toContain("# Plan: primary (offline)");
    expect(markdown).toContain("for review only, never apply it");
    expect(markdown).toContain("**Plan: 4 to add, 1 to change, 3 to destroy.**");
    expect(markdown).toContain(
      [
        "### Replace `aws_rds_global_cluster.AuroraGlobal_4EFB8821`",
        "",
        "- construct: `primary/AuroraGlobal/Resource`",
        "- why: `replace_because_cannot_update`",
        '- forced by `global_cluster_identifier`: `"titan-aurora-global"` → `"titan-aurora-global-2"`',
      ].join("\n"),
    );
    expect(markdown).toContain('- forced by `vpc_id`: `"vpc-0aaa"` → `(known after apply)`');
    expect(markdown).toContain("### Destroy `aws_secretsmanager_secret.DatabaseCredentials_F1C30F0B`");
    expect(markdown).toContain("**BLOCKED**");
    expect(markdown).toContain(
      "--allow-destroy=primary:aws_rds_global_cluster.AuroraGlobal_4EFB8821 --allow-destroy=primary:aws_secretsmanager_secret.DatabaseCredentials_F1C30F0B",
    );
    expect(markdown).not.toContain("SecurityGroups_App_30A4AF97 would be");
  });

  it("names a destroy plan, whose stateful losses the reviewer accepted by asking for it", () => {
    const parsed = plan(DESTROYED_SECRET);
    const markdown = renderSummary(
      summarizePlan(parsed),
      guardChanges(parsed.changes, [DESTROYED_SECRET.address as string]),
      {
        stack: "primary",
        mode: "offline",
        destroy: true,
        stackJson: {},
      },
    );
    expect(markdown).toContain("# Destroy plan: primary (offline)");
    expect(markdown).toContain("Destroys every resource of the stack");
    expect(markdown).toContain("Allowed with `--allow-destroy` (or `--destroy`):");
    expect(markdown).not.toContain("**BLOCKED**");
  });

  it("says a live plan is the one to apply", () => {
    const parsed = plan();
    const markdown = renderSummary(summarizePlan(parsed), guardChanges(parsed.changes, []), {
      stack: "dr",
      mode: "live",
      stackJson: {},
    });
    expect(markdown).toContain("Live plan against the stack's S3 backend");
    expect(markdown).toContain("Nothing is replaced or destroyed.");
    expect(markdown).toContain("Passed: no stateful resource is replaced or destroyed.");
  });
});
