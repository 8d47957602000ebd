/**
 * The recovery budget for people (a markdown report, also README's DR table) and for programs (JSON).
 */
import type { Budget } from "./budget";
import { describeExceedances } from "./budget";
import type { Invariant, Violation } from "./invariants";
import { formatSeconds, type RpoRow, type Scenario, type Source, type Term } from "./terms";

/** Markdown table cells cannot hold a pipe or a line break. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** A short link text for an AWS page: its last path segment without `.html`. */
function docTitle(url: string): string {
  const segment = url.replace(/\/$/, "").split("/").pop() ?? url;
  return segment.replace(/\.html$/, "").replace(/^API_/, "API ") || url;
}

export function renderSource(source: Source): string {
  switch (source.kind) {
    case "aws-doc":
      return `[${docTitle(source.url)}](${source.url})`;
    case "synthesized":
      return `\`${source.stack}\`: \`${source.attribute}\``;
    case "config":
      return `\`${source.path}\``;
  }
}

/** Each source once: a page cited for two statements is one link. */
function renderSources(sources: readonly Source[]): string {
  return [...new Set(sources.map(renderSource))].join("<br>");
}

function marker(term: Term): string {
  return term.unpublished ? " \\*" : term.assumes ? " †" : "";
}

function termRow(path: string, actor: string, term: Term, sources: string): string {
  const time = `${term.seconds} s${marker(term)}`;
  return `| ${cell(path)} | ${actor} | ${cell(term.label)} | ${time} | ${cell(term.formula)} | ${sources} |`;
}

export function renderScenario(s: Scenario): string[] {
  const lines = [
    `#### ${s.label[0].toUpperCase()}${s.label.slice(1)}: ${formatSeconds(s.rtoSeconds)}`,
    "",
    `Measures ${s.measures}. Paths run side by side; the scenario takes as long as its slowest, the **${s.criticalPath}** path.`,
    "",
    "| path | who | term | time | how | source |",
    "|---|---|---|---|---|---|",
  ];
  const shown = new Set<string>();
  for (const path of s.paths) {
    for (const term of path.terms) {
      // Detection, the page and the operator open several paths: their sources are given once.
      lines.push(termRow(path.id, path.actor, term, shown.has(term.id) ? "as above" : renderSources(term.sources)));
      shown.add(term.id);
    }
    const marker = path.id === s.criticalPath ? " (critical)" : "";
    lines.push(`| **${path.id}**${marker} | | ${cell(path.label)} | **${path.seconds} s** | | |`);
  }
  return lines;
}

function rpoCell(row: RpoRow): string {
  if (row.seconds === null) {
    return row.kind === "none" ? "no bound" : "unpublished";
  }
  return row.kind === "typical" ? `${formatSeconds(row.seconds)} (typical)` : formatSeconds(row.seconds);
}

export function renderRpo(rows: readonly RpoRow[], targetSeconds: number): string[] {
  return [
    "| store | loses | what that means | held to `dr.rpoSeconds` | source |",
    "|---|---|---|---|---|",
    ...rows.map((row) => {
      const held = row.judged ? `yes (${targetSeconds} s)` : `no: ${cell(row.notJudgedBecause ?? "")}`;
      return `| ${cell(row.store)} | ${rpoCell(row)} | ${cell(row.detail)} | ${held} | ${renderSources(row.sources)} |`;
    }),
  ];
}

/** Every distinct term of the budget that `keep` accepts, in order of appearance. */
function termsWhere(budget: Budget, keep: (term: Term) => boolean): Term[] {
  const seen = new Map<string, Term>();
  for (const term of budget.scenarios.flatMap((s) => s.paths.flatMap((path) => path.terms))) {
    if (keep(term) && !seen.has(term.id)) {
      seen.set(term.id, term);
    }
  }
  return [...seen.values()];
}

function sentence(text: string): string {
  return `${text[0].toUpperCase()}${text.slice(1)}`;
}

/** What the budget takes on trust: unpublished durations (where to set a measured value) and undocumented behaviour. */
function renderTrust(budget: Budget): string[] {
  const unpublished = termsWhere(budget, (term) => term.unpublished !== undefined).map((term) => {
    const where = term.sources.find((source) => source.kind === "config");
    return `- ${sentence(term.label)}: ${term.seconds} s (${where ? renderSource(where) : "config"}). ${sentence(term.unpublished ?? "")}.`;
  });
  const assumed = termsWhere(budget, (term) => term.assumes !== undefined).map(
    (term) => `- ${sentence(term.label)}: ${term.assumes}.`,
  );
  return [
    "#### What the budget takes on trust",
    "",
    "Durations AWS does not publish (`dr.assumptions`; set each to what a game day measured):",
    "",
    ...unpublished,
    "",
    "Documented figures whose use rests on behaviour AWS does not document:",
    "",
    ...assumed,
  ];
}

/** The whole report in markdown. */
export function renderBudgetMarkdown(budget: Budget): string {
  const { rtoSeconds, rpoSeconds } = budget.targets;
  const computed = budget.scenarios.map((s) => `${s.label} ${formatSeconds(s.rtoSeconds)}`).join(", ");
  const rpo = budget.rpoSeconds === null ? "no bound" : `${budget.rpoSeconds} s`;
  const verdict =
    budget.exceeded.length === 0
      ? "Within both targets."
      : ["**Misses its targets:**", "", ...describeExceedances(budget.exceeded).map((line) => `    ${line}`)].join(
          "\n",
        );
  return [
    `Targets: RTO ${formatSeconds(rtoSeconds)} (\`dr.rtoSeconds\`), RPO ${rpoSeconds} s (\`dr.rpoSeconds\`). Computed: ${computed}; RPO ${rpo}. ${verdict}`,
    "",
    ...budget.scenarios.flatMap((s) => [...renderScenario(s), ""]),
    "\\* AWS publishes no figure: a planning figure from `dr.assumptions`, to be replaced by what a game day measures. † The figure is documented; the behaviour it relies on is not (see below).",
    "",
    "#### What an unplanned failover loses (RPO)",
    "",
    "A planned switchover loses nothing: Aurora synchronizes before it switches, and the old region keeps replicating.",
    "",
    ...renderRpo(budget.rpo, rpoSeconds),
    "",
    ...renderTrust(budget),
    "",
  ].join("\n");
}

/** The budget as JSON, for programs and for comparing drills with the plan. */
export function renderBudgetJson(budget: Budget): string {
  return `${JSON.stringify(budget, null, 2)}\n`;
}

/** Each DR invariant and whether it holds, with every way it is broken. */
export function renderInvariants(invariants: readonly Invariant[], violations: readonly Violation[]): string {
  const lines = invariants.flatMap((invariant) => {
    const problems = violations.filter((violation) => violation.id === invariant.id);
    const mark = problems.length === 0 ? "holds" : "**BROKEN**";
    return [`- ${mark} \`${invariant.id}\`: ${invariant.statement}`, ...problems.map((p) => `  - ${p.problem}`)];
  });
  return ["#### DR invariants", "", ...lines, ""].join("\n");
}
