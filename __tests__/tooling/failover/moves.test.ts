/** The planned moves, `switchover` and `failback`, against the fake account. */
import {
  CLUSTER_ARN,
  ENDPOINT,
  failedOverAccount,
  normalAccount,
  PRIVATE_ZONE,
  PUBLIC_ZONE,
  READER_ENDPOINT,
  REGION,
} from "./fake-aws";
import { runbook } from "./run";
import { inputOf, stepLine } from "./steps";

jest.setTimeout(60_000);

const FLIPPED = { dr: { activeRole: "dr" } };

describe("switchover (planned, no data loss)", () => {
  it("raises DR, moves traffic, waits for old answers, then switches the writer and both DB names", async () => {
    const state = normalAccount();
    const run = await runbook(["switchover"], state, FLIPPED);
    expect(run.error).toBeUndefined();
    expect(run.code).toBe(0);
    expect(run.fake.mutations()).toEqual([
      `UpdateNodegroupConfig@${REGION.dr}`,
      "ChangeResourceRecordSets@us-east-1",
      `SwitchoverGlobalCluster@${REGION.dr}`,
      "ChangeResourceRecordSets@us-east-1",
      "ChangeResourceRecordSets@us-east-1",
    ]);
    expect(inputOf(run.fake.calls, "SwitchoverGlobalClusterCommand")).toEqual({
      GlobalClusterIdentifier: "titan-aurora-global",
      TargetDbClusterIdentifier: CLUSTER_ARN.dr,
    });
    const names = run.fake.calls.filter((c) => c.command === "ChangeResourceRecordSetsCommand").map((c) => c.input);
    expect(names[1]).toMatchObject({ HostedZoneId: PRIVATE_ZONE.dr });
    expect(names[2]).toMatchObject({
      HostedZoneId: PRIVATE_ZONE.primary,
      ChangeBatch: { Changes: [{ ResourceRecordSet: { ResourceRecords: [{ Value: READER_ENDPOINT.primary }] } }] },
    });
    expect(stepLine(run.output, "drain-old-answers")).toMatch(/ok \(6\d\.\d s\)/);
    expect(state.writer).toBe("dr");
    expect(stepLine(run.output, "verify-global-writer-endpoint")).toContain(`-> ${ENDPOINT.dr}`);
  });

  it("refuses while DR lags more than --max-lag-seconds, changing nothing", async () => {
    const state = normalAccount();
    state.lagMs.dr = 90_000;
    const run = await runbook(["switchover"], state, FLIPPED);
    expect(run.code).toBe(1);
    expect(run.output).toContain("titan-dr-aurora lags 90000 ms, more than --max-lag-seconds 60");
    expect(run.fake.mutations()).toEqual([]);
    const lenient = await runbook(["switchover", "--max-lag-seconds", "120"], state, FLIPPED);
    expect(lenient.code).toBe(0);
  });

  it("refuses to move traffic to an unhealthy DR", async () => {
    const state = normalAccount();
    state.healthy.dr = false;
    const run = await runbook(["switchover"], state, FLIPPED);
    expect(run.code).toBe(1);
    expect(run.output).toContain("dr.origin.api.example.com is unhealthy (0 of 8 checkers see it healthy)");
    expect(run.fake.mutations()).toEqual([]);
  });

  it("runs only once the config says where the writer goes", async () => {
    const run = await runbook(["switchover"], normalAccount(), {});
    expect(run.error?.message).toMatch(
      /^switchover moves the writer to dr, but dr\.activeRole in .*titan\.json is "primary": set it to "dr" first/,
    );
    expect(run.fake.calls).toEqual([]);
  });
});

describe("failback (after a failover, once primary has rejoined)", () => {
  const PRIMARY_ACTIVE = { dr: { activeRole: "primary" } };

  it("moves the writer, traffic and DB names back to primary", async () => {
    const state = failedOverAccount();
    const run = await runbook(["failback"], state, PRIMARY_ACTIVE);
    expect(run.error).toBeUndefined();
    expect(run.code).toBe(0);
    expect(run.fake.mutations()).toEqual([
      `UpdateNodegroupConfig@${REGION.primary}`,
      "ChangeResourceRecordSets@us-east-1",
      `SwitchoverGlobalCluster@${REGION.primary}`,
      "ChangeResourceRecordSets@us-east-1",
      "ChangeResourceRecordSets@us-east-1",
    ]);
    expect(inputOf(run.fake.calls, "SwitchoverGlobalClusterCommand")).toEqual({
      GlobalClusterIdentifier: "titan-aurora-global",
      TargetDbClusterIdentifier: CLUSTER_ARN.primary,
    });
    expect(state.writer).toBe("primary");
    expect(state.records[PUBLIC_ZONE].find((r) => r.Failover === "PRIMARY")?.AliasTarget?.DNSName).toBe(
      "primary.origin.api.example.com",
    );
    expect(state.records[PRIVATE_ZONE.dr][0].ResourceRecords?.[0].Value).toBe(READER_ENDPOINT.dr);
  });

  it("waits for primary to rejoin as a secondary before anything moves", async () => {
    const state = failedOverAccount();
    state.members = ["dr"];
    const run = await runbook(["failback"], state, PRIMARY_ACTIVE);
    expect(run.code).toBe(1);
    expect(run.output).toContain("titan-primary-aurora has not rejoined titan-aurora-global as a secondary yet");
    expect(run.fake.mutations()).toEqual([]);
  });

  it("waits for the rejoined cluster to catch up", async () => {
    const state = failedOverAccount();
    state.synchronization.primary = "pending-resync";
    const run = await runbook(["failback"], state, PRIMARY_ACTIVE);
    expect(run.code).toBe(1);
    expect(run.output).toContain("titan-primary-aurora is pending-resync; switch over once it is connected");
  });
});
