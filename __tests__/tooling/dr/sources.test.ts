import type { TitanConfig } from "../../../src/config";
import type { Budget } from "../../../src/tooling/dr/budget";
import type { SynthesizedStacks } from "../../../src/tooling/dr/synthesized";
import type { Source, Term } from "../../../src/tooling/dr/terms";
import { budgetFor } from "../../support/budget";

/** The value at a dotted path with `[n]` indexes, e.g. `origin[0].connection_timeout`. */
function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const [, name, index] of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (index !== undefined) {
      node = Array.isArray(node) ? node[Number(index)] : undefined;
    } else {
      node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[name] : undefined;
    }
  }
  return node;
}

function resolve(source: Source, config: TitanConfig, stacks: SynthesizedStacks): unknown {
  switch (source.kind) {
    case "config":
      return valueAt(config, source.path);
    case "synthesized": {
      const [type, logicalId, ...rest] = source.attribute.split(".");
      return valueAt(stacks[source.stack]?.resource?.[type]?.[logicalId], rest.join("."));
    }
    case "aws-doc":
      return source.url;
  }
}

function everySource(budget: Budget): { owner: string; source: Source }[] {
  const terms: Term[] = budget.scenarios.flatMap((s) => s.paths.flatMap((p) => p.terms));
  return [
    ...terms.flatMap((term) => term.sources.map((source) => ({ owner: term.id, source }))),
    ...budget.rpo.flatMap((row) => row.sources.map((source) => ({ owner: row.id, source }))),
  ];
}

describe.each<[string, object]>([
  ["the defaults", {}],
  ["the EC2 web tier", { web: { runtime: "ec2" } }],
  ["DR holding the writer", { dr: { activeRole: "dr" } }],
  [
    "a Global Datastore and an RPO bound",
    { cache: { globalDatastore: true, nodeType: "cache.r6g.large" }, database: { globalRpoSeconds: 60 } },
  ],
])("every source the budget cites for %s", (_name, overrides) => {
  const { config, stacks, budget } = budgetFor(overrides);
  const sources = everySource(budget);

  it("resolves: a synthesized attribute or config path that holds a value, or an AWS documentation page", () => {
    expect(sources.length).toBeGreaterThan(10);
    for (const { owner, source } of sources) {
      const value = resolve(source, config, stacks);
      // A config path may hold null (database.globalRpoSeconds: no bound); it must exist.
      const resolved = source.kind === "config" ? value !== undefined : value !== undefined && value !== null;
      expect({ owner, source, resolved }).toEqual({
        owner,
        source,
        resolved: true,
      });
      if (source.kind === "aws-doc") {
        expect(source.url).toMatch(/^https:\/\/(docs\.)?aws\.amazon\.com\//);
        expect(source.says.length).toBeGreaterThan(20);
      }
    }
  });

  it("takes every synthesized number from a literal the stack holds, not from a reference", () => {
    for (const { owner, source } of sources.filter((s) => s.source.kind === "synthesized")) {
      const value = resolve(source, config, stacks);
      if (typeof value === "string" && value.startsWith("${")) {
        // Only alias targets and replica lists are cited as references: they show what the term follows.
        expect({ owner, attribute: (source as { attribute: string }).attribute }).toEqual({
          owner,
          attribute: expect.stringMatching(/\.alias\.name$/),
        });
      }
    }
  });
});
