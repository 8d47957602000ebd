/**
 * DNS the runbook changes directly, as the synthesized stacks declare it: each region's generic DB
 * name (private zone) and the public failover pair. Each change is one UPSERT batch, and the step
 * waits until every Route 53 name server has it.
 */
import type { ResourceRecordSet } from "@aws-sdk/client-route-53";
import type { RegionRole } from "../../../config";
import { changeInSync, recordSets, sameName, upsertRecords } from "../aws/route53";
import type { Decision, Step, StepContext, Wait } from "../step";

function inSync(context: StepContext, changeId: string): Wait {
  return {
    kind: "wait",
    detail: `change ${changeId} reaching every Route 53 name server`,
    intervalSeconds: 5,
    poll: async () => {
      const done = await changeInSync(context.clients.route53(), changeId);
      return { done, detail: `change ${changeId} ${done ? "INSYNC" : "PENDING"}` };
    },
  };
}

export function pointDbName(role: RegionRole, ctx: Pick<StepContext, "targets">): Step {
  const region = ctx.targets.regions[role];
  const { name, ttl, endpoint, zoneName } = region.dbName;
  const which = endpoint === "endpoint" ? "writer (cluster) endpoint" : "reader endpoint";
  return {
    id: `point-${role}-db-name`,
    summary: `UPSERT ${name} CNAME -> ${region.clusterIdentifier}'s ${which}, TTL ${ttl} (private zone ${zoneName} of ${region.region})`,
    mutating: true,
    timeoutSeconds: 5 * 60,
    budgetTerm: "db-name",
    async decide(context): Promise<Decision> {
      const route53 = context.clients.route53();
      const zoneId = await context.lookups.privateZoneId(role);
      const cluster = await context.lookups.cluster(role);
      const value = endpoint === "endpoint" ? cluster.endpoint : cluster.readerEndpoint;
      const [live] = await recordSets(route53, zoneId, name, "CNAME");
      if (live?.TTL === ttl && sameName(live.ResourceRecords?.[0]?.Value, value)) {
        return { kind: "skip", detail: `${name} already points at ${value}` };
      }
      const record: ResourceRecordSet = { Name: name, Type: "CNAME", TTL: ttl, ResourceRecords: [{ Value: value }] };
      return {
        kind: "act",
        detail: `UPSERT ${name} CNAME ${live?.ResourceRecords?.[0]?.Value ?? "(none)"} -> ${value} in zone ${zoneId}`,
        act: async () => [
          inSync(context, await upsertRecords(route53, zoneId, [record], `titan runbook: ${name} in ${role}`)),
        ],
      };
    },
  };
}

function matches(live: ResourceRecordSet | undefined, wanted: ResourceRecordSet): boolean {
  return (
    live !== undefined &&
    live.Failover === wanted.Failover &&
    live.HealthCheckId === wanted.HealthCheckId &&
    sameName(live.AliasTarget?.DNSName, wanted.AliasTarget?.DNSName) &&
    live.AliasTarget?.EvaluateTargetHealth === wanted.AliasTarget?.EvaluateTargetHealth
  );
}

/** The failover pair as the global stack declares it: PRIMARY answers with the writer's region. */
export function pinTraffic(ctx: Pick<StepContext, "targets">): Step {
  const { failover } = ctx.targets;
  const primary = failover.records.find((record) => record.failover === "PRIMARY");
  return {
    id: "pin-traffic",
    summary: `UPSERT the failover pair ${failover.name} in one change: PRIMARY answers with ${primary?.aliasName}, each record with its origin's health check`,
    mutating: true,
    timeoutSeconds: 5 * 60,
    async decide(context): Promise<Decision> {
      const route53 = context.clients.route53();
      const live = await recordSets(route53, failover.hostedZoneId, failover.name, "A");
      const wanted: ResourceRecordSet[] = [];
      for (const record of failover.records) {
        const role = (["primary", "dr"] as const).find((r) =>
          sameName(context.targets.originNames[r], record.healthCheckFqdn),
        );
        wanted.push({
          Name: failover.name,
          Type: "A",
          SetIdentifier: record.setIdentifier,
          Failover: record.failover,
          HealthCheckId: role ? await context.lookups.healthCheckId(role) : undefined,
          AliasTarget: {
            HostedZoneId: failover.hostedZoneId,
            DNSName: record.aliasName,
            EvaluateTargetHealth: record.evaluateTargetHealth,
          },
        });
      }
      if (
        wanted.every((record) =>
          matches(
            live.find((l) => l.SetIdentifier === record.SetIdentifier),
            record,
          ),
        )
      ) {
        return { kind: "skip", detail: `PRIMARY already answers with ${primary?.aliasName}` };
      }
      return {
        kind: "act",
        detail: `UPSERT ${failover.name}: ${wanted.map((r) => `${r.Failover} (${r.SetIdentifier}) -> ${r.AliasTarget?.DNSName}`).join(", ")}`,
        act: async () => [
          inSync(
            context,
            await upsertRecords(route53, failover.hostedZoneId, wanted, "titan runbook: traffic follows the writer"),
          ),
        ],
      };
    },
  };
}
