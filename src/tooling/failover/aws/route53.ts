/** Route 53 calls: the private zones' generic names, the public failover pair and health checks. */
import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  GetHealthCheckCommand,
  GetHealthCheckStatusCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  type ResourceRecordSet,
  type Route53Client,
} from "@aws-sdk/client-route-53";

/** Route 53 calls an endpoint unhealthy once 18% of its checkers or fewer see it healthy. */
const HEALTHY_SHARE = 0.18;

/** DNS names compare without the trailing dot and case. */
export function sameName(a: string | undefined, b: string | undefined): boolean {
  const normal = (name: string | undefined) => (name ?? "").replace(/\.$/, "").toLowerCase();
  return normal(a) === normal(b);
}

/** The private hosted zone called `zoneName` that is associated with a VPC in `vpcRegion`. */
export async function findPrivateZone(client: Route53Client, zoneName: string, vpcRegion: string): Promise<string> {
  const { HostedZones = [] } = await client.send(
    new ListHostedZonesByNameCommand({ DNSName: zoneName, MaxItems: 100 }),
  );
  const candidates = HostedZones.filter((zone) => sameName(zone.Name, zoneName) && zone.Config?.PrivateZone);
  for (const zone of candidates) {
    const { VPCs = [] } = await client.send(new GetHostedZoneCommand({ Id: zone.Id }));
    if (VPCs.some((vpc) => vpc.VPCRegion === vpcRegion)) {
      return String(zone.Id).replace(/^\/hostedzone\//, "");
    }
  }
  throw new Error(`no private zone ${zoneName} associated with a VPC in ${vpcRegion}`);
}

/** The record sets called `name` of `type`, every set identifier of them. */
export async function recordSets(
  client: Route53Client,
  zoneId: string,
  name: string,
  type: "A" | "CNAME",
): Promise<ResourceRecordSet[]> {
  const { ResourceRecordSets = [] } = await client.send(
    new ListResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      StartRecordName: name,
      StartRecordType: type,
      MaxItems: 10,
    }),
  );
  return ResourceRecordSets.filter((record) => sameName(record.Name, name) && record.Type === type);
}

/** UPSERTs `records` in one change batch (atomic), returning the change's id. */
export async function upsertRecords(
  client: Route53Client,
  zoneId: string,
  records: readonly ResourceRecordSet[],
  comment: string,
): Promise<string> {
  const { ChangeInfo } = await client.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: {
        Comment: comment,
        Changes: records.map((record) => ({ Action: "UPSERT", ResourceRecordSet: record })),
      },
    }),
  );
  return String(ChangeInfo?.Id ?? "").replace(/^\/change\//, "");
}

/** Whether a change has reached every Route 53 name server. */
export async function changeInSync(client: Route53Client, changeId: string): Promise<boolean> {
  const { ChangeInfo } = await client.send(new GetChangeCommand({ Id: changeId }));
  return ChangeInfo?.Status === "INSYNC";
}

export async function healthCheckFqdn(client: Route53Client, healthCheckId: string): Promise<string> {
  const { HealthCheck } = await client.send(new GetHealthCheckCommand({ HealthCheckId: healthCheckId }));
  return String(HealthCheck?.HealthCheckConfig?.FullyQualifiedDomainName ?? "");
}

/** Route 53's verdict on a health check, from its checkers' last observations. */
export async function healthCheckHealthy(
  client: Route53Client,
  healthCheckId: string,
): Promise<{ readonly healthy: boolean; readonly detail: string }> {
  const { HealthCheckObservations = [] } = await client.send(
    new GetHealthCheckStatusCommand({ HealthCheckId: healthCheckId }),
  );
  const passing = HealthCheckObservations.filter((o) => o.StatusReport?.Status?.startsWith("Success")).length;
  const total = HealthCheckObservations.length;
  return {
    healthy: total > 0 && passing / total > HEALTHY_SHARE,
    detail: `${passing} of ${total} checkers see it healthy`,
  };
}
