/**
 * README's recovery-budget table is the report for the default config, kept between two markers:
 * `npm run dr:report -- --readme README.md` rewrites it, and a test fails when it is stale.
 */

export const README_BUDGET_BEGIN = "<!-- dr-budget:begin (generated: npm run dr:report -- --readme README.md) -->";
export const README_BUDGET_END = "<!-- dr-budget:end -->";

/** The text between the markers, or an error saying the markers are missing. */
export function readmeBudget(readme: string): string {
  const begin = readme.indexOf(README_BUDGET_BEGIN);
  const end = readme.indexOf(README_BUDGET_END);
  if (begin < 0 || end < begin) {
    throw new Error(`README has no recovery budget between "${README_BUDGET_BEGIN}" and "${README_BUDGET_END}"`);
  }
  return readme.slice(begin + README_BUDGET_BEGIN.length, end).trim();
}

/** `readme` with the text between the markers replaced by `markdown`. */
export function replaceReadmeBudget(readme: string, markdown: string): string {
  readmeBudget(readme);
  const begin = readme.indexOf(README_BUDGET_BEGIN) + README_BUDGET_BEGIN.length;
  const end = readme.indexOf(README_BUDGET_END);
  return `${readme.slice(0, begin)}\n\n${markdown.trim()}\n\n${readme.slice(end)}`;
}
