/**
 * The identifiers AWS generates that the stacks cannot hold (cluster ARNs and endpoints, zone and
 * health-check ids, node groups' Auto Scaling groups), looked up once per run, read-only.
 */
import type { RegionRole } from "../../config";
import type { AwsClients } from "./aws/clients";
import { type ClusterState, describeCluster } from "./aws/rds";
import { findPrivateZone, healthCheckFqdn, recordSets, sameName } from "./aws/route53";
import type { RecoveryTargets } from "./targets";

export class Lookups {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(
    private readonly targets: RecoveryTargets,
    private readonly clients: AwsClients,
  ) {}

  /** `role`'s cluster: its ARN and endpoints, which never change with its role. */
  cluster(role: RegionRole): Promise<ClusterState> {
    const region = this.targets.regions[role];
    return this.once(`cluster:${role}`, () =>
      describeCluster(this.clients.rds(region.region), region.clusterIdentifier),
    );
  }

  /** The private zone holding `role`'s generic names. */
  privateZoneId(role: RegionRole): Promise<string> {
    const region = this.targets.regions[role];
    return this.once(`zone:${role}`, () =>
      findPrivateZone(this.clients.route53(), region.dbName.zoneName, region.region),
    );
  }

  /** The health check probing each origin, by the FQDN it probes, found through the failover pair. */
  healthCheckIds(): Promise<ReadonlyMap<string, string>> {
    return this.once("health-checks", async () => {
      const { hostedZoneId, name } = this.targets.failover;
      const live = await recordSets(this.clients.route53(), hostedZoneId, name, "A");
      const ids = [...new Set(live.map((record) => record.HealthCheckId).filter((id): id is string => Boolean(id)))];
      const byFqdn = new Map<string, string>();
      for (const id of ids) {
        byFqdn.set((await healthCheckFqdn(this.clients.route53(), id)).toLowerCase(), id);
      }
      return byFqdn;
    });
  }

  /** The health check of `role`'s origin. */
  async healthCheckId(role: RegionRole): Promise<string> {
    const fqdn = this.targets.originNames[role];
    const ids = await this.healthCheckIds();
    const id = [...ids].find(([probed]) => sameName(probed, fqdn))?.[1];
    if (id === undefined) {
      throw new Error(`no health check of ${fqdn} on the failover records of ${this.targets.failover.name}`);
    }
    return id;
  }

  private once<T>(key: string, look: () => Promise<T>): Promise<T> {
    let found = this.memo.get(key) as Promise<T> | undefined;
    if (found === undefined) {
      found = look();
      // A failed lookup is tried again by the next step rather than remembered.
      found.catch(() => this.memo.delete(key));
      this.memo.set(key, found);
    }
    return found;
  }
}
