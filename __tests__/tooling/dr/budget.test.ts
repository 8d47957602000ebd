import { computeBudget, describePath, RecoveryBudgetError } from "../../../src/tooling/dr/budget";
import type { RecoveryPath, Scenario } from "../../../src/tooling/dr/terms";
import { budgetFor } from "../../support/budget";

/** A scenario's paths as `{ path: { term: seconds } }`, the shape a reader checks a budget in. */
function termsOf(scenario: Scenario): Record<string, Record<string, number>> {
  return Object.fromEntries(
    scenario.paths.map((path: RecoveryPath) => [
      path.id,
      Object.fromEntries(path.terms.map((term) => [term.id, term.seconds])),
    ]),
  );
}

function scenarioOf(budget: { scenarios: readonly Scenario[] }, id: Scenario["id"]): Scenario {
  const found = budget.scenarios.find((s) => s.id === id);
  if (!found) {
    throw new Error(`no ${id} scenario`);
  }
  return found;
}

describe("the recovery budget of the default config", () => {
  const { budget } = budgetFor();
  const failover = scenarioOf(budget, "failover");

  it("fails over from primary to DR: traffic by itself, database and capacity by the operator, side by side", () => {
    expect(failover).toMatchObject({ from: "primary", to: "dr", criticalPath: "database", rtoSeconds: 786 });
    expect(termsOf(failover)).toEqual({
      traffic: { detection: 36, "answer-switch": 30, "dns-ttl": 60, "stale-request": 15 },
      "cached-reads": { "origin-group": 10 },
      database: { detection: 36, alarm: 60, operator: 300, "aurora-failover": 300, "db-name": 90 },
      capacity: { detection: 36, alarm: 60, operator: 300, nodes: 180, pods: 60, "target-health": 20 },
      cache: { "cold-cache": 0 },
    });
    expect(failover.paths.map((p) => [p.id, p.actor, p.seconds])).toEqual([
      ["traffic", "automatic", 141],
      ["cached-reads", "automatic", 10],
      ["database", "operator", 786],
      ["capacity", "operator", 656],
      ["cache", "automatic", 0],
    ]);
  });

  it("pauses writes for a planned switchover only while Aurora switches and the DB name follows", () => {
    const switchover = scenarioOf(budget, "switchover");
    expect(termsOf(switchover)).toEqual({ database: { "aurora-switchover": 300, "db-name": 90 } });
    expect(switchover.rtoSeconds).toBe(390);
  });

  it("loses about a second of Aurora writes in a failover, and holds only Aurora to dr.rpoSeconds", () => {
    expect(budget.rpoSeconds).toBe(1);
    expect(budget.rpo.filter((row) => row.judged).map((row) => row.id)).toEqual(["aurora"]);
    expect(budget.rpo.map((row) => [row.id, row.seconds, row.kind])).toEqual([
      ["aurora", 1, "typical"],
      ["secret:titan-primary-db-master", null, "none"],
      ["secret:titan-primary-origin-verify", null, "none"],
      ["logs:replicate-all", 900, "bound"],
      ["backup:daily", 86_400, "schedule"],
      ["cache", null, "none"],
      ["images", null, "none"],
    ]);
    for (const row of budget.rpo.filter((r) => !r.judged)) {
      expect(row.notJudgedBecause).toEqual(expect.any(String));
    }
  });

  it("is within the default targets", () => {
    expect(budget.targets).toEqual({ rtoSeconds: 900, rpoSeconds: 60 });
    expect(budget.exceeded).toEqual([]);
  });

  it("marks every duration AWS does not publish, and cites a config path for it", () => {
    const terms = budget.scenarios.flatMap((s) => s.paths.flatMap((p) => p.terms));
    const unpublished = [...new Set(terms.filter((t) => t.unpublished).map((t) => t.id))].sort();
    expect(unpublished).toEqual(["answer-switch", "aurora-failover", "aurora-switchover", "nodes", "operator", "pods"]);
    for (const term of terms.filter((t) => t.unpublished)) {
      expect(term.sources[0]).toEqual({ kind: "config", path: expect.stringMatching(/^dr\.assumptions\./) });
    }
    expect(terms.find((t) => t.id === "dns-ttl")?.assumes).toMatch(/CloudFront does not document/);
  });
});

describe("the budget reads its numbers from the stacks and the config", () => {
  const failover = (overrides: object) => termsOf(scenarioOf(budgetFor(overrides).budget, "failover"));

  test.each<[string, object, string, string, number]>([
    ["a 30 s probe interval", { edge: { healthCheck: { requestIntervalSeconds: 30 } } }, "traffic", "detection", 96],
    ["a failure threshold of 1", { edge: { healthCheck: { failureThreshold: 1 } } }, "traffic", "detection", 16],
    [
      "2 connection attempts of 10 s",
      { edge: { cloudFront: { originConnectionAttempts: 2, originConnectionTimeoutSeconds: 10 } } },
      "traffic",
      "stale-request",
      20,
    ],
    [
      "a 25 s response timeout on cached paths",
      { edge: { cloudFront: { failoverResponseTimeoutSeconds: 25 } } },
      "cached-reads",
      "origin-group",
      25,
    ],
    [
      "a measured Aurora failover",
      { dr: { assumptions: { auroraFailoverSeconds: 74 } } },
      "database",
      "aurora-failover",
      74,
    ],
    ["a faster on-call", { dr: { assumptions: { operatorResponseSeconds: 120 } } }, "capacity", "operator", 120],
  ])("%s", (_name, overrides, path, term, seconds) => {
    expect(failover(overrides)[path][term]).toBe(seconds);
  });

  it("grows the EC2 web tier instead of nodes with web.runtime ec2, and admits instances by their own target group", () => {
    expect(failover({ web: { runtime: "ec2" } }).capacity).toEqual({
      detection: 36,
      alarm: 60,
      operator: 300,
      instances: 180,
      "target-health": 20,
    });
  });

  it("has no node term when the standby already runs the active node count", () => {
    const capacity = failover({ kubernetes: { nodes: { standby: { min: 2, max: 6, desired: 2 } } } }).capacity;
    expect(Object.keys(capacity)).toEqual(["detection", "alarm", "operator", "pods", "target-health"]);
  });

  it("adds the cache's promotion when Redis is a Global Datastore, and its replication as an RPO row", () => {
    const { budget } = budgetFor({ cache: { globalDatastore: true, nodeType: "cache.r6g.large" } });
    expect(termsOf(scenarioOf(budget, "failover")).cache).toEqual({
      detection: 36,
      alarm: 60,
      operator: 300,
      "cache-failover": 60,
    });
    expect(budget.rpo.find((row) => row.id === "cache")).toMatchObject({
      store: "Redis (Global Datastore)",
      judged: false,
    });
  });

  it("fails over from DR after a failover (dr.activeRole dr): DR's check, primary's DB name, DR's backups", () => {
    const { budget } = budgetFor({ dr: { activeRole: "dr" } });
    const failed = scenarioOf(budget, "failover");
    expect(failed).toMatchObject({ from: "dr", to: "primary" });
    const terms = failed.paths.flatMap((p) => p.terms);
    expect(terms.find((t) => t.id === "detection")?.sources[0]).toMatchObject({
      stack: "global",
      attribute: expect.stringMatching(/^aws_route53_health_check\.DrHealthCheck_\w+\.failure_threshold$/),
    });
    expect(terms.find((t) => t.id === "db-name")?.sources[1]).toMatchObject({ stack: "primary" });
    expect(budget.rpo.find((row) => row.id === "logs")).toMatchObject({
      detail: expect.stringMatching(/not replicated/),
    });
    expect(budget.rpo.find((row) => row.id === "backup:daily")?.sources[0]).toMatchObject({ stack: "dr" });
  });

  it("bounds Aurora's RPO by database.globalRpoSeconds, read back from the writer's parameter group", () => {
    const { budget } = budgetFor({ database: { globalRpoSeconds: 45 } });
    expect(budget.rpo[0]).toMatchObject({ id: "aurora", seconds: 45, kind: "bound" });
    expect(budget.rpo[0].sources[0]).toMatchObject({
      kind: "synthesized",
      stack: "primary",
      attribute: expect.stringMatching(/^aws_rds_cluster_parameter_group\.\w+\.parameter\[1\]\.value$/),
    });
    expect(budget.exceeded).toEqual([]);
  });
});

describe("missed targets", () => {
  it("name the scenario and every term of each path over the RTO target", () => {
    const { budget } = budgetFor({ dr: { rtoSeconds: 10 } });
    expect(budget.exceeded.map((miss) => [miss.target, miss.subject, miss.seconds])).toEqual([
      ["dr.rtoSeconds", "unplanned failover (primary lost)", 786],
      ["dr.rtoSeconds", "planned switchover (primary to dr)", 390],
    ]);
    // The cached-read path takes exactly the target: not over it.
    expect(budget.exceeded[0].paths.map(describePath)).toEqual([
      "database path 786 s = detection 36 s + alarm 60 s + operator 300 s + aurora-failover 300 s + db-name 90 s",
      "capacity path 656 s = detection 36 s + alarm 60 s + operator 300 s + nodes 180 s + pods 60 s + target-health 20 s",
      "traffic path 141 s = detection 36 s + answer-switch 30 s + dns-ttl 60 s + stale-request 15 s",
    ]);
  });

  it("name the data store over the RPO target", () => {
    const { budget } = budgetFor({ dr: { rpoSeconds: 30 }, database: { globalRpoSeconds: 120 } });
    expect(budget.exceeded).toEqual([
      expect.objectContaining({ target: "dr.rpoSeconds", subject: "Aurora (the service's data)", seconds: 120 }),
    ]);
    expect(new RecoveryBudgetError(budget.exceeded).message).toContain(
      "dr.rpoSeconds: Aurora (the service's data) loses up to 120 s, over the 30 s target",
    );
  });

  it("count an unbounded store as missing any target", () => {
    // Stacks without a global database: the other region holds no copy of the data.
    const { config, stacks } = budgetFor();
    const { aws_rds_global_cluster: _global, ...resource } = stacks.primary.resource ?? {};
    const budget = computeBudget(config, { ...stacks, primary: { ...stacks.primary, resource } });
    expect(budget.rpoSeconds).toBeNull();
    expect(budget.exceeded).toEqual([
      expect.objectContaining({
        target: "dr.rpoSeconds",
        seconds: null,
        detail: expect.stringMatching(/no global database/),
      }),
    ]);
  });
});
