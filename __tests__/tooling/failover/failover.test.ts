/**
 * `npm run failover -- failover` against a fake account (aws-sdk-client-mock behind every SDK
 * client): what it calls, in which order, with which parameters, in which region; that it refuses
 * without --allow-data-loss; that a second run changes nothing and a partial one continues; that
 * its waits time out.
 */
import {
  CLUSTER_ARN,
  ENDPOINT,
  HEALTH_CHECK,
  normalAccount,
  PRIVATE_ZONE,
  PUBLIC_ZONE,
  REGION,
  zoneGroup,
} from "./fake-aws";
import { runbook } from "./run";
import { inputOf, stepLine } from "./steps";

jest.setTimeout(60_000);

const FLIPPED = { dr: { activeRole: "dr" } };
const TIMESTAMPED = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[\d+\/\d+\] [a-z-]+: /;

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
      // DR's first zone kept its warm node (min 1 of max 3 either way): only the empty zone is raised.
      nodegroupName: "titan-dr-eks-general-usw1-az3",
      scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 1 },
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
    expect(zoneGroup(state, "dr", "usw1-az1")).toMatchObject({ min: 1, max: 3, desired: 1, inService: 1 });
    expect(zoneGroup(state, "dr", "usw1-az3")).toMatchObject({ min: 1, max: 3, desired: 1, inService: 1 });
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
    expect(run.output).toContain("npm run plan -- dr global --live, then npm run apply -- dr, npm run apply -- global");
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
      /failed \(\d+\.\d s\): timed out after \d+ s \(the step allows 1200 s\) waiting for titan-dr-eks-general-usw1-az1: 1 of 1 in service, titan-dr-eks-general-usw1-az3: 0 of 1 in service; last seen: .*usw1-az3: 0 of 1 in service/,
    );
    // The database, names and traffic had moved before; only the verification after it did not run.
    expect(run.fake.mutations()).toHaveLength(4);
    expect(run.seconds).toBeGreaterThanOrEqual(1200);
  });

  describe("with a node group per zone", () => {
    it("raises every zone's group below the stack's sizes, one request each in zone order, and waits for each zone's floor", async () => {
      const state = down();
      // Both of DR's zones emptied (the autoscaler scaled the first one in too).
      Object.assign(zoneGroup(state, "dr", "usw1-az1"), { min: 0, desired: 0, inService: 0 });
      const run = await runbook(["failover", "--allow-data-loss"], state, FLIPPED);
      expect(run.error).toBeUndefined();
      const updates = run.fake.calls.filter((call) => call.command === "UpdateNodegroupConfigCommand");
      expect(updates.map((call) => call.input)).toEqual(
        ["usw1-az1", "usw1-az3"].map((zone) => ({
          clusterName: "titan-dr-eks",
          nodegroupName: `titan-dr-eks-general-${zone}`,
          scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 1 },
        })),
      );
      expect(stepLine(run.output, "wait-dr-capacity")).toContain(
        "titan-dr-eks-general-usw1-az1: 1 of 1 in service, titan-dr-eks-general-usw1-az3: 1 of 1 in service",
      );
    });

    it("waits while a zone's group is still updating, since EKS takes one update at a time per group", async () => {
      const state = down();
      Object.assign(zoneGroup(state, "dr", "usw1-az3"), { status: "UPDATING", updatePolls: 2 });
      const run = await runbook(["failover", "--allow-data-loss"], state, FLIPPED);
      expect(run.error).toBeUndefined();
      expect(run.code).toBe(0);
      expect(run.output).toMatch(/waiting: titan-dr-eks-general-usw1-az3 is UPDATING; EKS takes one update at a time/);
      expect(stepLine(run.output, "raise-dr-capacity")).toContain("done");
      expect(zoneGroup(state, "dr", "usw1-az3")).toMatchObject({ status: "ACTIVE", min: 1, desired: 1 });
    });
  });
});
