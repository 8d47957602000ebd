/** Dry runs and `plan`: read-only calls at most, and nothing at all without credentials. */
import { CLUSTER_ARN, failedOverAccount, normalAccount } from "./fake-aws";
import { runbook } from "./run";
import { stepLine } from "./steps";

jest.setTimeout(60_000);

const FLIPPED = { dr: { activeRole: "dr" } };

describe("dry runs and plan", () => {
  it("decide every step with read-only calls and make no change (switchover --dry-run)", async () => {
    const state = normalAccount();
    const run = await runbook(["switchover", "--dry-run"], state, {});
    expect(run.code).toBe(0);
    expect(run.fake.calls.length).toBeGreaterThan(5);
    expect(run.fake.mutations()).toEqual([]);
    expect(stepLine(run.output, "raise-dr-capacity")).toContain(
      "would: UpdateNodegroupConfig titan-dr-eks/titan-dr-eks-general-usw1-az3: min 0, max 3, desired 0 -> min 1, max 3, desired 1",
    );
    expect(stepLine(run.output, "switchover-global-cluster")).toContain(
      `would: SwitchoverGlobalCluster titan-aurora-global --target-db-cluster-identifier ${CLUSTER_ARN.dr}`,
    );
    expect(run.output).toContain('before running it: set dr.activeRole to "dr"');
    expect(state.writer).toBe("primary");
  });

  it("make no change for a failover either, without the data-loss flag", async () => {
    const state = normalAccount();
    const run = await runbook(["failover", "--dry-run"], state, {});
    expect(run.code).toBe(0);
    expect(run.fake.mutations()).toEqual([]);
    expect(stepLine(run.output, "failover-global-cluster")).toMatch(
      /would: FailoverGlobalCluster .* --allow-data-loss/,
    );
  });

  it("plan --dry-run without credentials prints both moves' steps for the default config, calling nothing", async () => {
    const run = await runbook(["plan", "--dry-run"], normalAccount(), {}, false);
    expect(run.code).toBe(0);
    expect(run.fake.calls).toEqual([]);
    expect(run.output).toContain("live checks skipped (no AWS credentials found): the global cluster's members");
    expect(run.output).toContain("== switchover: the writer from primary to dr  (npm run failover -- switchover)");
    expect(run.output).toContain(
      "== failover: the writer from primary to dr  (npm run failover -- failover --allow-data-loss)",
    );
    expect(run.output).toMatch(/budget: 786 s \(13 min 6 s\), from primary's failure .* RPO: 1 s of Aurora writes/);
    expect(stepLine(run.output, "failover-global-cluster")).toContain(
      "offline: would change: FailoverGlobalCluster titan-aurora-global --allow-data-loss --target-db-cluster-identifier <ARN of titan-dr-aurora> (us-west-1)",
    );
  });

  it("plan after a failover offers the failback", async () => {
    const run = await runbook(["plan"], failedOverAccount(), FLIPPED);
    expect(run.code).toBe(0);
    expect(run.output).toContain("== failback: the writer from dr to primary");
    expect(run.output).not.toContain("== switchover");
    expect(run.fake.mutations()).toEqual([]);
  });

  it("a move without credentials is refused", async () => {
    const run = await runbook(["switchover"], normalAccount(), FLIPPED, false);
    expect(run.error?.message).toMatch(/^no AWS credentials found/);
  });
});
