import {
  formatCounts,
  formatOutcome,
  formatPlanSummary,
  type PlanOutcome,
  parsePlanJson,
} from "../../../src/tooling/plan/outcome";

const NO_COUNTS = { add: 0, change: 0, destroy: 0, import: 0 };

describe("plan output", () => {
  it("reads the change summary and the diagnostics of terraform plan -json", () => {
    const lines = [
      '{"@level":"info","@message":"Terraform 1.11.4","type":"version","terraform":"1.11.4","ui":"1.2"}',
      '{"@level":"error","@message":"Error: conflicting arguments","type":"diagnostic","diagnostic":{"severity":"error","summary":"conflicting arguments","detail":"x conflicts with y","address":"aws_lb.Alb"}}',
      '{"@level":"info","@message":"Plan: 7 to add, 0 to change, 0 to destroy.","type":"change_summary","changes":{"add":7,"change":0,"import":0,"remove":0,"operation":"plan"}}',
    ];
    const output = parsePlanJson(lines.join("\n"));
    expect(output.counts).toEqual({ add: 7, change: 0, destroy: 0, import: 0 });
    expect(output.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", summary: "conflicting arguments", address: "aws_lb.Alb" }),
    ]);
    expect(formatCounts(output.counts ?? { add: 0, change: 0, destroy: 0, import: 0 })).toBe(
      "Plan: 7 to add, 0 to change, 0 to destroy.",
    );
  });

  test.each([
    [NO_COUNTS, "No changes."],
    [{ ...NO_COUNTS, import: 2, change: 1 }, "Plan: 2 to import, 0 to add, 1 to change, 0 to destroy."],
  ])("words %j as Terraform does: %s", (counts, line) => {
    expect(formatCounts(counts)).toBe(line);
  });
});

describe("a stack's result lines", () => {
  it("show a planned stack's counts", () => {
    const outcome: PlanOutcome = { stack: "global", result: "planned", counts: NO_COUNTS, diagnostics: [], seconds: 1 };
    expect(formatOutcome(outcome, {})).toEqual(["  No changes."]);
  });

  it("put a failure's first note line beside the result and indent the rest and every diagnostic", () => {
    const outcome: PlanOutcome = {
      stack: "dr",
      result: "init failed",
      note: "providers unavailable\nhashicorp/helm",
      diagnostics: [{ severity: "error", summary: "bad", address: "aws_lb.Alb" }],
      seconds: 1,
    };
    expect(formatOutcome(outcome, {})).toEqual([
      "  INIT FAILED: providers unavailable",
      "    hashicorp/helm",
      "    error: bad\n      at aws_lb.Alb",
    ]);
  });
});

describe("the plan summary", () => {
  it("prints a table with each stack's plan or why it was not planned, and the tally", () => {
    const outcomes: PlanOutcome[] = [
      { stack: "primary", result: "planned", counts: { ...NO_COUNTS, add: 182 }, diagnostics: [], seconds: 9.94 },
      { stack: "dr-k8s", result: "not planned", note: "needs hashicorp/helm", diagnostics: [], seconds: 0 },
      { stack: "dr", result: "plan failed", diagnostics: [], seconds: 12 },
    ];
    expect(formatPlanSummary(outcomes)).toBe(
      [
        "stack    result       plan                                          seconds",
        "-------  -----------  --------------------------------------------  -------",
        "primary  planned      Plan: 182 to add, 0 to change, 0 to destroy.      9.9",
        "dr-k8s   not planned  needs hashicorp/helm                              0.0",
        "dr       plan failed                                                   12.0",
        "",
        "1 of 3 stacks planned (1 planned, 0 blocked, 1 plan failed, 1 not planned, 0 init failed)",
      ].join("\n"),
    );
  });
});
