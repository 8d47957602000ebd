import fc from "fast-check";
import { nodeGroupSizesProblem, zonalMaxProblem, zonalNodeGroupSizes } from "../../../src/modules/compute/limits";

describe("zonalNodeGroupSizes", () => {
  test.each([
    [
      { min: 2, desired: 2, max: 6 },
      3,
      [
        { min: 1, desired: 1, max: 2 },
        { min: 1, desired: 1, max: 2 },
        { min: 0, desired: 0, max: 2 },
      ],
    ],
    [
      { min: 1, desired: 1, max: 6 },
      2,
      [
        { min: 1, desired: 1, max: 3 },
        { min: 0, desired: 0, max: 3 },
      ],
    ],
    [
      { min: 3, desired: 4, max: 7 },
      3,
      [
        { min: 1, desired: 2, max: 3 },
        { min: 1, desired: 1, max: 2 },
        { min: 1, desired: 1, max: 2 },
      ],
    ],
  ])("splits %j over %i zones into %j", (total, zones, expected) => {
    expect(zonalNodeGroupSizes(total, zones)).toEqual(expected);
  });

  const sizesAndZones = fc
    .tuple(fc.nat(100), fc.nat(100), fc.nat(100), fc.integer({ min: 1, max: 6 }))
    .map(([a, b, c, zones]) => {
      const [min, desired, max] = [a, b, c].sort((x, y) => x - y);
      return { total: { min, desired, max: Math.max(max, zones) }, zones };
    });

  it("adds up to the region's totals, and gives every zone sizes EKS accepts", () => {
    fc.assert(
      fc.property(sizesAndZones, ({ total, zones }) => {
        const split = zonalNodeGroupSizes(total, zones);
        expect(split).toHaveLength(zones);
        for (const key of ["min", "desired", "max"] as const) {
          expect(split.reduce((sum, sizes) => sum + sizes[key], 0)).toBe(total[key]);
        }
        for (const sizes of split) {
          expect(nodeGroupSizesProblem(sizes)).toBeUndefined();
          expect(sizes.max).toBeGreaterThanOrEqual(1);
        }
      }),
    );
  });

  it("gives every zone a node at the minimum when the minimum allows one per zone", () => {
    fc.assert(
      fc.property(sizesAndZones, ({ total, zones }) => {
        const split = zonalNodeGroupSizes(total, zones);
        expect(split.every((sizes) => sizes.min >= 1)).toBe(total.min >= zones);
      }),
    );
  });

  it("refuses a maximum below the zone count, which would leave a group with a maximum of 0", () => {
    expect(zonalMaxProblem(3, 3)).toBeUndefined();
    expect(zonalMaxProblem(2, 3)).toBe(
      "must be at least 3, one per zone (each zone has its own node group, and EKS refuses a maximum of 0), got 2",
    );
  });
});
