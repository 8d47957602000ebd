import { changeAction, markedAt, parsePlan, valueAt } from "../../../src/tooling/plan/plan-json";
import { planDocument, RENAMED_GLOBAL_CLUSTER, resourceChange } from "./fixtures";

describe("a saved plan's JSON", () => {
  test.each([
    [["create"], "create"],
    [["update"], "update"],
    [["delete", "create"], "replace"],
    [["create", "delete"], "replace"],
    [["delete"], "delete"],
    [["read"], "read"],
    [["forget"], "forget"],
    [["no-op"], "no-op"],
    [[], "no-op"],
  ])("folds the actions %j into %s", (actions, expected) => {
    expect(changeAction(actions)).toBe(expected);
  });

  it("reads each change's address, action, reason and the attributes forcing a replacement", () => {
    const plan = parsePlan(planDocument([RENAMED_GLOBAL_CLUSTER]));
    expect(plan.terraformVersion).toBe("1.11.4");
    expect(plan.changes).toEqual([
      expect.objectContaining({
        address: "aws_rds_global_cluster.AuroraGlobal_4EFB8821",
        type: "aws_rds_global_cluster",
        mode: "managed",
        action: "replace",
        reason: "replace_because_cannot_update",
        replacePaths: ["global_cluster_identifier"],
        importing: false,
      }),
    ]);
  });

  it("keeps the values an update sends and the ones still unknown (the DR scale-up spec reads the request)", () => {
    const nodes = resourceChange("aws_eks_node_group.GeneralNodes_1A2B3C4D", ["update"], {
      after: { scaling_config: [{ min_size: 2, max_size: 6, desired_size: 2 }] },
      after_unknown: { launch_template: [{ version: true }] },
    });
    const [change] = parsePlan(planDocument([nodes])).changes;
    expect(change).toMatchObject({
      action: "update",
      after: { scaling_config: [{ min_size: 2, max_size: 6, desired_size: 2 }] },
      afterUnknown: { launch_template: [{ version: true }] },
    });
    expect(markedAt(change.afterUnknown, "launch_template.0.version")).toBe(true);
  });

  it("joins nested replace paths with dots and keeps moves and imports", () => {
    const eks = resourceChange(
      "aws_eks_cluster.Eks_3DB0AF90",
      ["delete", "create"],
      { replace_paths: [["vpc_config", 0, "subnet_ids"]], importing: { id: "titan-primary-eks" } },
      { previous_address: "aws_eks_cluster.Old_1" },
    );
    const [change] = parsePlan(planDocument([eks])).changes;
    expect(change).toMatchObject({
      replacePaths: ["vpc_config.0.subnet_ids"],
      previousAddress: "aws_eks_cluster.Old_1",
    });
    expect(change.importing).toBe(true);
  });

  test.each([
    ["not JSON", "{", /not a JSON plan/],
    ["JSON that is not a plan", '{"valid": true}', /no format_version/],
  ])("refuses %s", (_name, text, message) => {
    expect(() => parsePlan(text)).toThrow(message);
  });

  it("finds values and markers along dotted paths, a marked ancestor marking its children", () => {
    const value = { vpc_config: [{ subnet_ids: ["a", "b"] }] };
    expect(valueAt(value, "vpc_config.0.subnet_ids.1")).toBe("b");
    expect(valueAt(value, "vpc_config.1")).toBeUndefined();
    expect(markedAt({ vpc_config: true }, "vpc_config.0.subnet_ids")).toBe(true);
    expect(markedAt({ vpc_config: [{ subnet_ids: false }] }, "vpc_config.0.subnet_ids")).toBe(false);
    expect(markedAt(false, "anything")).toBe(false);
  });
});
