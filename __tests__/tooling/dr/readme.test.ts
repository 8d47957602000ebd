import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RecoveryBudgetError } from "../../../src/tooling/dr/budget";
import { readmeBudget, replaceReadmeBudget } from "../../../src/tooling/dr/readme";
import { renderBudgetMarkdown } from "../../../src/tooling/dr/report";
import { budgetFor } from "../../support/budget";

const README = readFileSync(join(__dirname, "..", "..", "..", "README.md"), "utf8");

describe("README's disaster-recovery section", () => {
  it("holds the default config's budget as npm run dr:report renders it (regenerate with -- --readme README.md)", () => {
    expect(readmeBudget(README)).toBe(renderBudgetMarkdown(budgetFor().budget).trim());
  });

  it("quotes the error synth prints for a 10 s RTO target", () => {
    const quoted = /```\n(titan: the recovery budget misses its targets[^`]*?)\n {6}\.\.\.\n```/.exec(README)?.[1];
    const actual = new RecoveryBudgetError(budgetFor({ dr: { rtoSeconds: 10 } }).budget.exceeded).message;
    expect(quoted).toBeDefined();
    expect(actual.startsWith(String(quoted))).toBe(true);
  });
});

describe("replaceReadmeBudget", () => {
  const doc =
    "intro\n<!-- dr-budget:begin (generated: npm run dr:report -- --readme README.md) -->\nold\n<!-- dr-budget:end -->\nrest\n";

  it("replaces only what is between the markers", () => {
    const replaced = replaceReadmeBudget(doc, "new table\n");
    expect(replaced).toBe(
      "intro\n<!-- dr-budget:begin (generated: npm run dr:report -- --readme README.md) -->\n\nnew table\n\n<!-- dr-budget:end -->\nrest\n",
    );
    expect(readmeBudget(replaced)).toBe("new table");
  });

  it("refuses a README without the markers", () => {
    expect(() => replaceReadmeBudget("no markers", "x")).toThrow(/README has no recovery budget between/);
  });
});
