import { regionState, resolveConfig } from "../../src/config";
import { problemsOf } from "../support/config-problems";

describe("the dr section", () => {
  it("makes the primary region active by default, DR the warm standby", () => {
    const config = resolveConfig();
    expect(config.dr.activeRole).toBe("primary");
    expect(regionState(config, "primary")).toBe("active");
    expect(regionState(config, "dr")).toBe("standby");
  });

  it("flips both regions when DR becomes the active one", () => {
    const config = resolveConfig({ dr: { activeRole: "dr" } });
    expect(regionState(config, "dr")).toBe("active");
    expect(regionState(config, "primary")).toBe("standby");
  });

  test.each([
    [{ dr: { activeRole: "us-west-1" } }, /^dr\.activeRole: .*"primary"\|"dr"/],
    [{ dr: { activRole: "dr" } }, /^dr\.activRole: unknown key "activRole" \(did you mean "activeRole"\?\)/],
    [
      { kubernetes: { nodes: { dr: { min: 2 } } } },
      /^kubernetes\.nodes\.dr: unknown key "dr" \(known keys here: active, standby\)/,
    ],
  ])("rejects %j", (overrides, message) => {
    expect(problemsOf(overrides)).toEqual([expect.stringMatching(message)]);
  });
});

describe("sizes by region state", () => {
  it("give the active region full capacity and the standby its warm size", () => {
    const config = resolveConfig();
    expect(config.kubernetes.nodes).toEqual({
      active: { min: 2, max: 6, desired: 2 },
      standby: { min: 1, max: 6, desired: 1 },
    });
    expect(config.web.instances).toEqual({ active: 3, standby: 2 });
  });
});

describe("the engine version and DR's write path", () => {
  test.each(["16.1", "16.11", "17.4", "15.4", "15.10", "14.9"])("accepts %s, which forwards DR's writes", (version) => {
    expect(problemsOf({ database: { engineVersion: version } })).toEqual([]);
  });

  test.each([
    ["15.3", /15\.4 or later \(or 16\+\)/],
    ["14.8", /14\.9 or later \(or 16\+\)/],
    ["13.12", /16 or later/],
  ])("rejects %s for a global database: DR could not write in standby", (version, floor) => {
    expect(problemsOf({ database: { engineVersion: version } })).toEqual([
      expect.stringMatching(
        new RegExp(`^database\\.engineVersion: "${version}" cannot forward writes.*${floor.source}`),
      ),
    ]);
  });

  it("always applies: every titan database is global, so database.global is no setting", () => {
    expect(problemsOf({ database: { engineVersion: "13.12", global: false } })).toEqual([
      expect.stringMatching(/^database\.engineVersion: "13\.12" cannot forward writes/),
      expect.stringMatching(/^database\.global: "global" was removed/),
    ]);
  });
});

describe("the EKS support type", () => {
  it("defaults to EXTENDED, so AWS never upgrades the control plane under Terraform", () => {
    expect(resolveConfig().kubernetes).toMatchObject({ version: "1.35", supportType: "EXTENDED" });
  });

  it("accepts STANDARD and nothing else", () => {
    expect(problemsOf({ kubernetes: { supportType: "STANDARD" } })).toEqual([]);
    expect(problemsOf({ kubernetes: { supportType: "NONE" } })).toEqual([
      expect.stringMatching(/^kubernetes\.supportType: /),
    ]);
  });
});
