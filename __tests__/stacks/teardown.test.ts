import { configWarnings } from "../../src/config";
import { checkPolicy } from "../../src/policy";
import { DESTROYED_AS_IS, TEARDOWN_LIFTS, TEARDOWN_REASON, unexplainedStatefulTypes } from "../../src/stacks/teardown";
import { STATEFUL_RESOURCE_TYPES } from "../../src/stateful";
import { buildApp, type SynthesizedStack, synthJson, testConfig } from "../support/synth";

/** Every resource of `type` across all AWS stacks of an app built from `overrides`. */
function resourcesAcrossStacks(stacks: SynthesizedStack[], type: string): Record<string, unknown>[] {
  return stacks.flatMap((stack) => Object.values(stack.resource?.[type] ?? {}));
}

describe("the teardown switch", () => {
  const protectedStacks = Object.values(buildApp()).map(synthJson);
  const teardownApp = buildApp(testConfig({ teardown: true }));
  const teardownStacks = Object.values(teardownApp).map(synthJson);

  it("accounts for every stateful type: lifted, or destroyed as it is for a stated reason", () => {
    expect(unexplainedStatefulTypes()).toEqual([]);
    for (const type of Object.keys(STATEFUL_RESOURCE_TYPES)) {
      expect(TEARDOWN_LIFTS[type] !== undefined || DESTROYED_AS_IS[type] !== undefined).toBe(true);
    }
  });

  it("is off by default: every protection stays", () => {
    const buckets = resourcesAcrossStacks(protectedStacks, "aws_s3_bucket");
    expect(buckets.length).toBeGreaterThan(5);
    for (const bucket of buckets) {
      expect(bucket).toMatchObject({ lifecycle: { prevent_destroy: true } });
      expect(bucket).not.toHaveProperty("force_destroy");
    }
    expect(resourcesAcrossStacks(protectedStacks, "aws_rds_cluster")).toEqual([
      expect.objectContaining({ deletion_protection: true }),
      expect.objectContaining({ deletion_protection: true }),
    ]);
    const secrets = resourcesAcrossStacks(protectedStacks, "aws_secretsmanager_secret");
    expect(secrets.length).toBeGreaterThan(1);
    for (const secret of secrets) {
      expect(secret.recovery_window_in_days).toBeGreaterThanOrEqual(7);
    }
  });

  test.each(Object.entries(TEARDOWN_LIFTS))("lifts %s's protection in every stack", (type, lift) => {
    const resources = resourcesAcrossStacks(teardownStacks, type);
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) {
      for (const [path, value] of Object.entries(lift.overrides)) {
        const [head, tail] = path.split(".");
        expect(tail === undefined ? resource[head] : (resource[head] as Record<string, unknown>)?.[tail]).toBe(value);
      }
    }
  });

  it("still takes the final snapshots, named after each cluster's key", () => {
    for (const cluster of resourcesAcrossStacks(teardownStacks, "aws_rds_cluster")) {
      expect(cluster).toMatchObject({ skip_final_snapshot: false });
      expect(cluster.final_snapshot_identifier).toMatch(
        /^titan-(primary|dr)-aurora-final-\$\{element\(split\("\/", aws_kms_key\.DataKey_[0-9A-F]+\.arn\), 1\)\}$/,
      );
    }
  });

  it("passes the policy, every finding it causes suppressed with the teardown reason", () => {
    const report = checkPolicy(teardownApp.primary.node.root);
    expect(report.violations).toEqual([]);
    const teardownFindings = report.suppressed.filter((f) => f.suppression?.reason === TEARDOWN_REASON);
    expect(new Set(teardownFindings.map((f) => f.ruleId))).toEqual(new Set(["TITAN-S3-1", "TITAN-RDS-1"]));
    expect(teardownFindings.filter((f) => f.ruleId === "TITAN-S3-1")).toHaveLength(
      resourcesAcrossStacks(teardownStacks, "aws_s3_bucket").length,
    );
  });

  it("warns that it is on", () => {
    expect(configWarnings(testConfig({ teardown: true }), new Date())).toContainEqual(
      expect.stringMatching(
        /^teardown is on: deletion protection, prevent_destroy, the backup vaults' locks and the secrets' recovery window are lifted/,
      ),
    );
    expect(configWarnings(testConfig(), new Date()).filter((w) => w.startsWith("teardown"))).toEqual([]);
  });
});
