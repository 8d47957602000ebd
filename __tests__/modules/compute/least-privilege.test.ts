import { Testing } from "cdktf";
import { allStatements, parse } from "./synthesized";
import { computeStack } from "./validity-fixture";

describe("the primary region's EKS cluster, node groups, add-ons and workload roles", () => {
  it('grant no "*" action anywhere, so no statement allows everything on "*"', () => {
    const all = allStatements(parse(Testing.synth(computeStack())));
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((statement) => statement.actions?.includes("*"))).toEqual([]);
  });
});
