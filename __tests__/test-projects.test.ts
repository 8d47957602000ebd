import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * The unit project is the inner loop (`npm run test:unit`): it must not start programs outside
 * jest. A spec that runs Terraform, helm, bash, PGlite or a child process is an integration spec,
 * named `*.integration.test.ts` (jest.config.js); `npm test` runs both projects.
 */
const TESTS = join(__dirname);

/** What marks a spec as integration: starting a process, or the helpers that do. */
const OUTSIDE_JEST = [
  /\bspawnSync\(|\bexecFileSync\(|\bspawn\(|\bexecSync\(/,
  /toBeValidTerraform\(/,
  /support\/(offline-plan|offline-terraform|validate-together|kubectl-layer|state-from-plan)"/,
  /helm-chart\/rendered"/,
  /@electric-sql\/pglite|pglite-run/,
];

function specs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? specs(path) : name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("the unit project", () => {
  it("holds no spec that runs a program outside jest: those are *.integration.test.ts", () => {
    const offenders = specs(TESTS)
      .filter((path) => !path.endsWith(".integration.test.ts") && path !== __filename)
      .filter((path) => OUTSIDE_JEST.some((pattern) => pattern.test(readFileSync(path, "utf8"))))
      .map((path) => relative(TESTS, path));
    expect(offenders).toEqual([]);
  });

  it("still has integration specs to leave out, so the split is real", () => {
    expect(specs(TESTS).filter((path) => path.endsWith(".integration.test.ts")).length).toBeGreaterThan(10);
  });
});
