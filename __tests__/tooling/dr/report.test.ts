import { renderBudgetJson, renderBudgetMarkdown, renderSource } from "../../../src/tooling/dr/report";
import { budgetFor } from "../../support/budget";

describe("the budget report", () => {
  const { budget } = budgetFor();
  const markdown = renderBudgetMarkdown(budget);

  it("opens with the targets, the computed figures and the verdict", () => {
    expect(markdown.split("\n")[0]).toBe(
      "Targets: RTO 900 s (15 min) (`dr.rtoSeconds`), RPO 60 s (`dr.rpoSeconds`). Computed: unplanned failover (primary lost) 786 s (13 min 6 s), planned switchover (primary to dr) 390 s (6 min 30 s); RPO 1 s. Within both targets.",
    );
  });

  it("lists each term with its time, how it is made and where each number comes from", () => {
    expect(markdown).toContain("#### Unplanned failover (primary lost): 786 s (13 min 6 s)");
    expect(markdown).toContain(
      "| traffic | automatic | Route 53 declares primary's origin unhealthy | 36 s | 3 failed probes x 10 s + 4 s connect + 2 s response | `global`: `aws_route53_health_check.PrimaryHealthCheck_0819586E.failure_threshold`<br>",
    );
    expect(markdown).toContain("| **database** (critical) | | writes succeed in the other region | **786 s** | | |");
    // Terms shared by paths cite their sources once.
    expect(markdown).toMatch(
      /\| capacity \| operator \| Route 53 declares primary's origin unhealthy \| 36 s \| .* \| as above \|/,
    );
    // Unpublished durations and undocumented behaviour are marked, and explained below.
    expect(markdown).toContain("| FailoverGlobalCluster makes dr's cluster the writer | 300 s \\* |");
    expect(markdown).toContain("| 60 s † |");
    expect(markdown).toContain(
      "- FailoverGlobalCluster makes dr's cluster the writer: 300 s (`dr.assumptions.auroraFailoverSeconds`).",
    );
    expect(markdown).toContain(
      "- CloudFront's cached answer for the failover name expires: CloudFront does not document",
    );
  });

  it("tables every data store's loss, saying which is held to dr.rpoSeconds and why the others are not", () => {
    expect(markdown).toContain("| Aurora (the service's data) | 1 s (typical) |");
    expect(markdown).toMatch(/\| Redis \| no bound \| .* \| no: a cache: the app rebuilds its entries from Aurora \|/);
  });

  it("says what a missed target is made of", () => {
    const missed = renderBudgetMarkdown(budgetFor({ dr: { rtoSeconds: 600 } }).budget);
    expect(missed).toContain("**Misses its targets:**");
    expect(missed).toContain(
      "    dr.rtoSeconds: unplanned failover (primary lost) takes 786 s (13 min 6 s), over the 600 s target:",
    );
    expect(missed).toContain("database path 786 s = detection 36 s + alarm 60 s");
    expect(missed).toContain("capacity path 656 s");
    expect(missed).not.toContain("traffic path");
  });

  it("is the same budget as JSON", () => {
    expect(JSON.parse(renderBudgetJson(budget))).toEqual(JSON.parse(JSON.stringify(budget)));
  });

  it("renders sources as links, stack attributes and config paths", () => {
    expect(renderSource({ kind: "aws-doc", url: "https://docs.aws.amazon.com/a/b/page.html", says: "x" })).toBe(
      "[page](https://docs.aws.amazon.com/a/b/page.html)",
    );
    expect(renderSource({ kind: "synthesized", stack: "dr", attribute: "aws_x.Y.ttl", constructPath: "dr/Y" })).toBe(
      "`dr`: `aws_x.Y.ttl`",
    );
    expect(renderSource({ kind: "config", path: "dr.rtoSeconds" })).toBe("`dr.rtoSeconds`");
  });
});
