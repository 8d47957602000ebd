import type { RegionRole } from "../../src/config";
import { buildApp, resourcesOf, type SynthesizedStack, synthJson, testConfig } from "../support/synth";

interface FailoverRecord {
  readonly type: string;
  readonly setIdentifier: string;
  readonly alias: string;
  readonly checked: string;
}

/** Each failover record by logical id: its type, set identifier, alias target and health check's origin. */
function failoverPair(json: SynthesizedStack): Record<string, FailoverRecord> {
  const checks = resourcesOf(json, "aws_route53_health_check");
  const records = Object.entries(resourcesOf(json, "aws_route53_record")).filter(
    ([, record]) => record.failover_routing_policy !== undefined,
  );
  return Object.fromEntries(
    records.map(([logicalId, record]) => {
      const checkId = /^\$\{aws_route53_health_check\.(\w+)\.id\}$/.exec(String(record.health_check_id))?.[1] ?? "";
      return [
        logicalId,
        {
          type: (record.failover_routing_policy as { type: string }).type,
          setIdentifier: String(record.set_identifier),
          alias: (record.alias as { name: string }).name,
          checked: String(checks[checkId]?.fqdn),
        },
      ];
    }),
  );
}

function globalFor(activeRole: RegionRole): SynthesizedStack {
  return synthJson(buildApp(testConfig({ dr: { activeRole } })).global);
}

describe("the failover pair follows the writer (dr.activeRole)", () => {
  const normal = failoverPair(globalFor("primary"));
  const failedOver = failoverPair(globalFor("dr"));

  it("answers with primary's origin first while primary holds the writer", () => {
    expect(Object.values(normal)).toEqual([
      {
        type: "PRIMARY",
        setIdentifier: "primary",
        alias: "primary.origin.api.example.com",
        checked: "primary.origin.api.example.com",
      },
      {
        type: "SECONDARY",
        setIdentifier: "dr",
        alias: "dr.origin.api.example.com",
        checked: "dr.origin.api.example.com",
      },
    ]);
  });

  it("answers with DR's origin first after a failover, so a recovered us-east-2 gets no traffic until failback", () => {
    expect(Object.values(failedOver)).toEqual([
      {
        type: "PRIMARY",
        setIdentifier: "primary",
        alias: "dr.origin.api.example.com",
        checked: "dr.origin.api.example.com",
      },
      {
        type: "SECONDARY",
        setIdentifier: "dr",
        alias: "primary.origin.api.example.com",
        checked: "primary.origin.api.example.com",
      },
    ]);
  });

  it("keeps both records' addresses, set identifiers and failover types: the flip is two in-place updates", () => {
    expect(Object.keys(failedOver)).toEqual(Object.keys(normal));
    for (const id of Object.keys(normal)) {
      expect(failedOver[id]).toMatchObject({ type: normal[id].type, setIdentifier: normal[id].setIdentifier });
    }
  });

  it("tells each alarm's reader what an unhealthy origin means under the current writer", () => {
    const alarms = (activeRole: RegionRole) =>
      Object.fromEntries(
        Object.values(resourcesOf(globalFor(activeRole), "aws_cloudwatch_metric_alarm")).map((alarm) => [
          String(alarm.alarm_name),
          String(alarm.alarm_description),
        ]),
      );
    expect(alarms("primary")["titan-global-primary-origin-unhealthy"]).toContain(
      "Route 53 now answers origin.api.example.com with dr's origin while it is healthy",
    );
    expect(alarms("dr")["titan-global-dr-origin-unhealthy"]).toContain(
      "Route 53 now answers origin.api.example.com with primary's origin while it is healthy",
    );
    expect(alarms("dr")["titan-global-primary-origin-unhealthy"]).toContain("Nothing fails over to primary");
  });
});
