import type { RegionRole } from "../../src/config";
import { buildApp, resourcesOf, synthJson, testConfig } from "../support/synth";

/** Whether `role`'s stack alarms on AuroraGlobalDBReplicationLag under `activeRole`. */
function watchesLag(activeRole: RegionRole, role: RegionRole): boolean {
  const json = synthJson(buildApp(testConfig({ dr: { activeRole } }))[role]);
  return Object.values(resourcesOf(json, "aws_cloudwatch_metric_alarm")).some(
    (alarm) => alarm.metric_name === "AuroraGlobalDBReplicationLag",
  );
}

describe("the replication-lag alarm follows the secondary cluster (dr.activeRole)", () => {
  test.each<[RegionRole, RegionRole, boolean]>([
    ["primary", "dr", true],
    ["primary", "primary", false],
    ["dr", "primary", true],
    ["dr", "dr", false],
  ])("with %s active, %s alarms on replication lag: %s", (activeRole, role, expected) => {
    expect(watchesLag(activeRole, role)).toBe(expected);
  });
});
