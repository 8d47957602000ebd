import * as fs from "node:fs";
import * as path from "node:path";
import { approvedPlan } from "../../../src/tooling/plan/apply";
import { PLAN_FILES, type PlanMeta } from "../../../src/tooling/plan/plan-stack";
import { removeTempDirs, tempDir } from "../fixtures";

afterAll(removeTempDirs);

function savedPlan(meta: Partial<PlanMeta>, stack = "primary"): string {
  const plans = tempDir("apply");
  fs.mkdirSync(path.join(plans, stack));
  fs.writeFileSync(path.join(plans, stack, PLAN_FILES.plan), "binary plan");
  const full: PlanMeta = { stack, mode: "live", blocked: [], allowed: [], applyable: true, ...meta };
  fs.writeFileSync(path.join(plans, stack, PLAN_FILES.meta), JSON.stringify(full));
  return plans;
}

describe("npm run apply", () => {
  it("applies a live plan the guard passed", () => {
    const plans = savedPlan({});
    expect(approvedPlan(plans, "primary").planFile).toBe(path.join(plans, "primary", PLAN_FILES.plan));
  });

  test.each<[string, Partial<PlanMeta>, RegExp]>([
    ["an offline plan", { mode: "offline" }, /an offline plan against the AWS stub, for review only/],
    [
      "a plan the guard blocked",
      { blocked: ["aws_rds_cluster.Aurora_2CBAB212"] },
      /the stateful guard blocked this plan \(aws_rds_cluster.Aurora_2CBAB212\)/,
    ],
    ["another stack's plan", { stack: "dr" }, /is the plan of dr, not primary/],
  ])("refuses %s", (_name, meta, message) => {
    const plans = savedPlan(meta, "primary");
    expect(() => approvedPlan(plans, "primary")).toThrow(message);
  });

  it("refuses a stack with no saved plan, saying how to make one", () => {
    expect(() => approvedPlan(tempDir("apply"), "dr")).toThrow(/run `npm run plan -- dr --live` first/);
  });
});
