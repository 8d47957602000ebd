import { parseResourceChanges } from "../../src/tooling/plan-offline-report";

describe("parseResourceChanges", () => {
  it("reads each change's address, type, actions, and the values sent and still unknown", () => {
    const show = JSON.stringify({
      format_version: "1.2",
      resource_changes: [
        {
          address: "aws_eks_node_group.GeneralNodes_1A2B3C4D",
          type: "aws_eks_node_group",
          change: {
            actions: ["update"],
            after: { scaling_config: [{ min_size: 2, max_size: 6, desired_size: 2 }] },
            after_unknown: { launch_template: [{ version: true }] },
          },
        },
        { address: "aws_iam_role.Role", type: "aws_iam_role", change: { actions: ["create"], after: null } },
      ],
    });
    expect(parseResourceChanges(show)).toEqual([
      {
        address: "aws_eks_node_group.GeneralNodes_1A2B3C4D",
        type: "aws_eks_node_group",
        actions: ["update"],
        after: { scaling_config: [{ min_size: 2, max_size: 6, desired_size: 2 }] },
        afterUnknown: { launch_template: [{ version: true }] },
      },
      { address: "aws_iam_role.Role", type: "aws_iam_role", actions: ["create"], after: {}, afterUnknown: {} },
    ]);
  });

  test.each([["not JSON"], ["{}"], ['{"resource_changes": "x"}']])("finds no changes in %s", (text) => {
    expect(parseResourceChanges(text)).toEqual([]);
  });
});
