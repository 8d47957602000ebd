import { STACK_NAMES } from "../../../src/app";
import { SynthesizedStackError } from "../../../src/tooling/dr/synthesized";
import { clampDesired } from "../../../src/tooling/failover/steps/capacity";
import { recoveryTargets } from "../../../src/tooling/failover/targets";
import { stacksFor } from "../../support/budget";
import { testConfig } from "../../support/synth";

describe("the runbook's targets, read from the synthesized stacks", () => {
  it("put the writer, full capacity and the PRIMARY record in DR once dr.activeRole says so", () => {
    const config = testConfig({ dr: { activeRole: "dr" } });
    const targets = recoveryTargets(stacksFor(config), config);
    expect(targets).toMatchObject({
      writer: "dr",
      globalClusterIdentifier: "titan-aurora-global",
      regions: {
        dr: {
          region: "us-west-1",
          clusterIdentifier: "titan-dr-aurora",
          dbName: { name: "db.titan.internal", ttl: 30, endpoint: "endpoint" },
          // The active size (min 2, max 6) split over DR's two zones' groups.
          capacity: {
            kind: "node-groups",
            clusterName: "titan-dr-eks",
            groups: [
              { nodeGroupName: "titan-dr-eks-general-usw1-az1", minSize: 1, maxSize: 3 },
              { nodeGroupName: "titan-dr-eks-general-usw1-az3", minSize: 1, maxSize: 3 },
            ],
          },
          replicationGroupId: "titan-dr-redis",
        },
        primary: {
          dbName: { endpoint: "reader_endpoint" },
          capacity: {
            groups: [
              { nodeGroupName: "titan-primary-eks-general-use2-az1", minSize: 1, maxSize: 2 },
              { nodeGroupName: "titan-primary-eks-general-use2-az2", minSize: 0, maxSize: 2 },
              { nodeGroupName: "titan-primary-eks-general-use2-az3", minSize: 0, maxSize: 2 },
            ],
          },
        },
      },
      failover: {
        hostedZoneId: "Z0123456789EXAMPLE0",
        name: "origin.api.example.com",
        records: [
          {
            setIdentifier: "primary",
            failover: "PRIMARY",
            aliasName: "dr.origin.api.example.com",
            healthCheckFqdn: "dr.origin.api.example.com",
          },
          { setIdentifier: "dr", failover: "SECONDARY", aliasName: "primary.origin.api.example.com" },
        ],
      },
      replicationLagMetric: { namespace: "AWS/RDS", metricName: "AuroraGlobalDBReplicationLag" },
      cacheGlobalSuffix: undefined,
    });
  });

  it("refuse stacks synthesized from another dr.activeRole, which would undo the move at the next apply", () => {
    const synthesizedBefore = stacksFor(testConfig());
    expect(() => recoveryTargets(synthesizedBefore, testConfig({ dr: { activeRole: "dr" } }))).toThrow(
      new SynthesizedStackError(
        "the synthesized stacks do not put the writer in dr (dr.activeRole); synthesize them from this config (npm run synth)",
      ),
    );
  });

  it("refuse stacks missing what the runbook acts on", () => {
    const config = testConfig();
    const stacks = stacksFor(config);
    const { aws_rds_cluster: _cluster, ...resource } = stacks[STACK_NAMES.dr].resource ?? {};
    expect(() => recoveryTargets({ ...stacks, dr: { ...stacks.dr, resource } }, config)).toThrow(
      /expected one aws_rds_cluster in dr for the Aurora cluster, found 0/,
    );
  });
});

describe("clampDesired, the node group's desired size as the stack computes it", () => {
  test.each([
    [1, 2, 6, 2],
    [4, 2, 6, 4],
    [9, 2, 6, 6],
  ])("live %d within %d..%d is %d", (live, min, max, expected) => {
    expect(clampDesired(live, min, max)).toBe(expected);
  });
});
