import type { RegionRole } from "../../src/config";
import { buildApp, resourcesOf, synthJson, testConfig } from "../support/synth";

type ActiveRole = RegionRole;

/** The general node group's configured floor and ceiling, and the size a new group starts at. */
function generalNodes(activeRole: ActiveRole, role: RegionRole) {
  const json = synthJson(buildApp(testConfig({ dr: { activeRole } }))[role]);
  const group = Object.values(resourcesOf(json, "aws_eks_node_group")).find((g) =>
    String(g.node_group_name).endsWith("general"),
  );
  const scaling = group?.scaling_config as { min_size: number; max_size: number; desired_size: string };
  const initial = /, (\d+)\)\)\)\}$/.exec(scaling.desired_size)?.[1];
  return { min: scaling.min_size, max: scaling.max_size, initial: Number(initial) };
}

function webGroup(activeRole: ActiveRole, role: RegionRole) {
  const json = synthJson(buildApp(testConfig({ web: { runtime: "ec2" }, dr: { activeRole } }))[role]);
  const [group] = Object.values(resourcesOf(json, "aws_autoscaling_group"));
  return { min: group.min_size, desired: group.desired_capacity, max: group.max_size };
}

describe("capacity follows dr.activeRole", () => {
  test.each<[ActiveRole, RegionRole, { min: number; max: number; initial: number }]>([
    ["primary", "primary", { min: 2, max: 6, initial: 2 }],
    ["primary", "dr", { min: 1, max: 6, initial: 1 }],
    ["dr", "dr", { min: 2, max: 6, initial: 2 }],
    ["dr", "primary", { min: 1, max: 6, initial: 1 }],
  ])("with %s active, %s's node group gets %j", (activeRole, role, expected) => {
    expect(generalNodes(activeRole, role)).toEqual(expected);
  });

  test.each<[ActiveRole, RegionRole, { min: number; desired: number; max: number }]>([
    ["primary", "primary", { min: 3, desired: 3, max: 6 }],
    ["primary", "dr", { min: 2, desired: 2, max: 4 }],
    ["dr", "dr", { min: 3, desired: 3, max: 6 }],
    ["dr", "primary", { min: 2, desired: 2, max: 4 }],
  ])("with %s active, %s's EC2 web tier gets %j", (activeRole, role, expected) => {
    expect(webGroup(activeRole, role)).toEqual(expected);
  });
});
