import type { RegionRole } from "../../src/config";
import { buildApp, resourcesOf, synthJson, testConfig } from "../support/synth";

type ActiveRole = RegionRole;

/** Each zone's general node group, by name: its configured floor and ceiling, and the size it starts at. */
function generalNodes(activeRole: ActiveRole, role: RegionRole) {
  const json = synthJson(buildApp(testConfig({ dr: { activeRole } }))[role]);
  const groups = Object.values(resourcesOf(json, "aws_eks_node_group")).filter((g) =>
    String(g.node_group_name).includes("-general-"),
  );
  return Object.fromEntries(
    groups.map((group) => {
      const scaling = group.scaling_config as { min_size: number; max_size: number; desired_size: string };
      const initial = /, (\d+)\)\)\)\}$/.exec(scaling.desired_size)?.[1];
      return [group.node_group_name, { min: scaling.min_size, max: scaling.max_size, initial: Number(initial) }];
    }),
  );
}

function webGroup(activeRole: ActiveRole, role: RegionRole) {
  const json = synthJson(buildApp(testConfig({ web: { runtime: "ec2" }, dr: { activeRole } }))[role]);
  const [group] = Object.values(resourcesOf(json, "aws_autoscaling_group"));
  return { min: group.min_size, desired: group.desired_capacity, max: group.max_size };
}

describe("capacity follows dr.activeRole", () => {
  // The configured totals ({2, 2, 6} active, {1, 1, 6} standby) split over the region's zones in
  // zone order: the same share each, the remainder to the first zones.
  test.each<[ActiveRole, RegionRole, Record<string, { min: number; max: number; initial: number }>]>([
    [
      "primary",
      "primary",
      {
        "titan-primary-eks-general-use2-az1": { min: 1, max: 2, initial: 1 },
        "titan-primary-eks-general-use2-az2": { min: 1, max: 2, initial: 1 },
        "titan-primary-eks-general-use2-az3": { min: 0, max: 2, initial: 0 },
      },
    ],
    [
      "primary",
      "dr",
      {
        "titan-dr-eks-general-usw1-az1": { min: 1, max: 3, initial: 1 },
        "titan-dr-eks-general-usw1-az3": { min: 0, max: 3, initial: 0 },
      },
    ],
    [
      "dr",
      "dr",
      {
        "titan-dr-eks-general-usw1-az1": { min: 1, max: 3, initial: 1 },
        "titan-dr-eks-general-usw1-az3": { min: 1, max: 3, initial: 1 },
      },
    ],
    [
      "dr",
      "primary",
      {
        "titan-primary-eks-general-use2-az1": { min: 1, max: 2, initial: 1 },
        "titan-primary-eks-general-use2-az2": { min: 0, max: 2, initial: 0 },
        "titan-primary-eks-general-use2-az3": { min: 0, max: 2, initial: 0 },
      },
    ],
  ])("with %s active, %s's zones' node groups get %j", (activeRole, role, expected) => {
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
