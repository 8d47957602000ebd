/**
 * The failover runbook against a fake account (aws-sdk-client-mock behind every SDK client): what
 * it calls, in which order, with which parameters, in which region; that a second run changes
 * nothing; that it refuses what it must; that a dry run changes nothing; that waits time out.
 */
import {
  CLUSTER_ARN,
  ENDPOINT,
  failedOverAccount,
  HEALTH_CHECK,
  normalAccount,
  PRIVATE_ZONE,
  PUBLIC_ZONE,
  READER_ENDPOINT,
  REGION,
} from "./fake-aws";
import { runbook } from "./run";

jest.setTimeout(60_000);

const FLIPPED = { dr: { activeRole: "dr" } };
const TIMESTAMPED = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[\d+\/\d+\] [a-z-]+: /;

/** The input of the n-th call of `command`. */
function inputOf(calls: readonly { command: string; input: object }[], command: string, n = 0): object {
  return calls.filter((call) => call.command === command)[n].input;
}

function stepLine(output: string, id: string): string {
  return output.split("\n").find((line) => line.includes(`] ${id}: `)) ?? `(no line for ${id})`;
}

describe("failover (us-east-2 lost)", () => {
  const down = () => {
    const state = normalAccount();
    state.down.add(REGION.primary);
    state.healthy.primary = false;
    return state;
  };

  it("refuses without --allow-data-loss after its read-only checks, saying how far behind DR was", async () => {
    const run = await runbook(["failover"], down(), FLIPPED);
    expect(run.code).toBe(1);
    expect(run.fake.mutations()).toEqual([]);
    expect(stepLine(run.output, "check-replication-lag")).toContain(
      "largest lag 250 ms: a failover now loses about that much",
    );
    expect(run.output).toContain("refused: a failover loses whatever had not replicated");
    expect(run.output).not.toContain("failover-global-cluster");
  });

  it("fails over in DR's region alone: capacity, FailoverGlobalCluster with AllowDataLoss, DB name, traffic", async () => {
    const state = down();
    const run = await runbook(["failover", "--allow-data-loss"], state, FLIPPED);
    expect(run.error).toBeUndefined();
    expect(run.code).toBe(0);
    expect(run.fake.mutations()).toEqual([
      `UpdateNodegroupConfig@${REGION.dr}`,
      `FailoverGlobalCluster@${REGION.dr}`,
      "ChangeResourceRecordSets@us-east-1",
      "ChangeResourceRecordSets@us-east-1",
    ]);
    // Nothing was sent to the lost region, and no client was even made for it.
    expect(run.fake.calls.filter((call) => call.region === REGION.primary)).toEqual([]);
    expect(run.clients.regionsUsed).not.toContain(REGION.primary);

    expect(inputOf(run.fake.calls, "UpdateNodegroupConfigCommand")).toEqual({
      clusterName: "titan-dr-eks",
      nodegroupName: "titan-dr-eks-general",
      scalingConfig: { minSize: 2, maxSize: 6, desiredSize: 2 },
    });
    expect(inputOf(run.fake.calls, "FailoverGlobalClusterCommand")).toEqual({
      GlobalClusterIdentifier: "titan-aurora-global",
      TargetDbClusterIdentifier: CLUSTER_ARN.dr,
      AllowDataLoss: true,
    });
    expect(inputOf(run.fake.calls, "ChangeResourceRecordSetsCommand", 0)).toMatchObject({
      HostedZoneId: PRIVATE_ZONE.dr,
      ChangeBatch: {
        Changes: [
          {
            Action: "UPSERT",
            ResourceRecordSet: {
              Name: "db.titan.internal",
              Type: "CNAME",
              TTL: 30,
              ResourceRecords: [{ Value: ENDPOINT.dr }],
            },
          },
        ],
      },
    });
    // The pair changes in one batch: PRIMARY now answers with DR, each record keeping its type.
    expect(inputOf(run.fake.calls, "ChangeResourceRecordSetsCommand", 1)).toMatchObject({
      HostedZoneId: PUBLIC_ZONE,
      ChangeBatch: {
        Changes: [
          {
            ResourceRecordSet: {
              SetIdentifier: "primary",
              Failover: "PRIMARY",
              HealthCheckId: HEALTH_CHECK.dr,
              AliasTarget: { DNSName: "dr.origin.api.example.com", EvaluateTargetHealth: true },
            },
          },
          {
            ResourceRecordSet: {
              SetIdentifier: "dr",
              Failover: "SECONDARY",
              HealthCheckId: HEALTH_CHECK.primary,
              AliasTarget: { DNSName: "primary.origin.api.example.com" },
            },
          },
        ],
      },
    });
    expect(state.writer).toBe("dr");
    expect(state.nodeGroups.dr).toMatchObject({ min: 2, max: 6, desired: 2 });
    expect(state.inService.dr).toBe(2);
  });

  it("logs every step with a timestamp and measures the drill against the budget", async () => {
    const run = await runbook(["failover", "--allow-data-loss"], down(), FLIPPED);
    const stepLines = run.lines.filter((line) => / \[\d+\/\d+\] /.test(line));
    expect(stepLines).toHaveLength(12);
    for (const line of stepLines) {
      expect(line).toMatch(TIMESTAMPED);
    }
    expect(stepLine(run.output, "wait-for-writer")).toMatch(/: ok \(\d+\.\d s\): titan-dr-aurora is the writer/);
    expect(run.output).toMatch(/aurora-failover: \d+\.\d s measured \(budget 300 s, a planning figure/);
    expect(run.output).toContain("db-name: ");
    expect(run.output).toContain("npm run cdktf -- deploy dr global");
  });

  it("changes nothing when run again: every change is found done", async () => {
    const state = down();
    await runbook(["failover", "--allow-data-loss"], state, FLIPPED);
    const again = await runbook(["failover", "--allow-data-loss"], state, FLIPPED);
    expect(again.code).toBe(0);
    expect(again.fake.mutations()).toEqual([]);
    for (const id of ["raise-dr-capacity", "failover-global-cluster", "point-dr-db-name", "pin-traffic"]) {
      expect(stepLine(again.output, id)).toMatch(/: skipped: /);
    }
  });

  it("continues after a partial run: a failed step is retried, the ones done before it are not", async () => {
    const state = down();
    state.failOnce.set(
      "ChangeResourceRecordSetsCommand",
      Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }),
    );
    const first = await runbook(["failover", "--allow-data-loss"], state, FLIPPED);
    expect(first.code).toBe(1);
    expect(first.output).toContain("step point-dr-db-name failed: ThrottlingException: Rate exceeded");
    expect(first.output).toContain(
      "not run: pin-traffic, wait-dr-capacity, verify-dr-origin-healthy, verify-global-writer-endpoint",
    );
    expect(first.output).toContain("run the same command again to continue");

    const second = await runbook(["failover", "--allow-data-loss"], state, FLIPPED);
    expect(second.code).toBe(0);
    expect(second.fake.mutations()).toEqual([
      "ChangeResourceRecordSets@us-east-1",
      "ChangeResourceRecordSets@us-east-1",
    ]);
    expect(stepLine(second.output, "failover-global-cluster")).toContain(
      "skipped: titan-dr-aurora already holds the writer",
    );
  });

  it("times out a wait with a clear message: capacity that never comes into service", async () => {
    const state = down();
    state.instancesBoot = false;
    const run = await runbook(["failover", "--allow-data-loss"], state, FLIPPED);
    expect(run.code).toBe(1);
    expect(stepLine(run.output, "wait-dr-capacity")).toMatch(
      /failed \(\d+\.\d s\): timed out after \d+ s \(the step allows 1200 s\) waiting for titan-dr-eks-general: 1 of 2 in service; last seen: 1 of 2 in service/,
    );
    // The database, names and traffic had moved before; only the verification after it did not run.
    expect(run.fake.mutations()).toHaveLength(4);
    expect(run.seconds).toBeGreaterThanOrEqual(1200);
  });
});

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

describe("dry runs and plan", () => {
  it("decide every step with read-only calls and make no change (switchover --dry-run)", async () => {
    const state = normalAccount();
    const run = await runbook(["switchover", "--dry-run"], state, {});
    expect(run.code).toBe(0);
    expect(run.fake.calls.length).toBeGreaterThan(5);
    expect(run.fake.mutations()).toEqual([]);
    expect(stepLine(run.output, "raise-dr-capacity")).toContain(
      "would: UpdateNodegroupConfig titan-dr-eks/titan-dr-eks-general: min 1, max 6, desired 1 -> min 2, max 6, desired 2",
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
