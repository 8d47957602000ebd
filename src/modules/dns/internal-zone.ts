import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { Construct } from "constructs";
import { intRange, textPattern } from "../../validation/limits";
import { PropChecks } from "../../validation/prop-checks";

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_TTL_SECONDS = 2147483647;
const ZONE_NAME = textPattern(
  /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
  "a lowercase domain such as titan.internal",
);

export interface InternalZoneProps {
  /** Private domain, the same in every region, e.g. `titan.internal`. */
  readonly zoneName: string;
  /** VPC that resolves the zone. */
  readonly vpcId: string;
  /** Region of `vpcId`. */
  readonly region: string;
  /**
   * CNAME records: label (fixed literals chosen by the stack, e.g. `db`, `db-reader`, `cache`) to
   * the target host name. Labels become construct ids, so renaming one replaces its record.
   */
  readonly cnames: Readonly<Record<string, string>>;
  /**
   * TTL of every record. A failover repoints `db` from the reader to the new writer, and clients
   * must resolve the new target within seconds.
   * @default 30
   */
  readonly ttlSeconds?: number;
}

/**
 * A private hosted zone in one region's VPC holding the app's generic names (`db`, `db-reader`,
 * `cache`), each a CNAME to an endpoint AWS generates.
 *
 * WHY: the app is configured once with `db.<zone>` and never learns AWS endpoints; the stack decides
 * what each name points at (the region's own Aurora endpoints) and a failover changes only that.
 * Each region has its own zone with the same name (one private zone per VPC is allowed, even in one
 * account), so each region's app resolves its own cluster.
 */
export class InternalZone extends Construct {
  readonly zone: Route53Zone;
  readonly zoneId: string;
  readonly records: Readonly<Record<string, Route53Record>>;
  private readonly zoneName: string;

  constructor(scope: Construct, id: string, props: InternalZoneProps) {
    super(scope, id);
    const ttlSeconds = props.ttlSeconds ?? 30;
    const zoneName = props.zoneName.replace(/\.$/, "");
    const labels = Object.keys(props.cnames);
    const checks = new PropChecks(this)
      .matches("zoneName", zoneName, ZONE_NAME)
      .wholeNumber("ttlSeconds", ttlSeconds, intRange(0, MAX_TTL_SECONDS, "30 keeps failover fast"));
    for (const label of labels) {
      checks
        .require(
          DNS_LABEL.test(label),
          "cnames",
          `labels must be DNS labels (lowercase letters, digits, inner hyphens, 1-63 characters), got "${label}"`,
        )
        .nonBlank(`cnames.${label}`, props.cnames[label], "the target host");
    }
    checks.throwIfAny();
    this.zoneName = zoneName;

    this.zone = new Route53Zone(this, "Resource", {
      name: zoneName,
      comment: `titan generic names for the VPC in ${props.region}`,
      vpc: [{ vpcId: props.vpcId, vpcRegion: props.region }],
    });
    this.zoneId = this.zone.zoneId;

    const cnames = new Construct(this, "Cnames");
    const records: Record<string, Route53Record> = {};
    for (const label of labels) {
      records[label] = new Route53Record(cnames, label, {
        zoneId: this.zoneId,
        name: this.fqdn(label),
        type: "CNAME",
        ttl: ttlSeconds,
        records: [props.cnames[label]],
      });
    }
    this.records = records;
  }

  /** The full name of a record of this zone, e.g. `db.titan.internal`. */
  fqdn(label: string): string {
    if (!DNS_LABEL.test(label)) {
      throw new Error(`InternalZone ${this.zoneName}: "${label}" is not a DNS label`);
    }
    return `${label}.${this.zoneName}`;
  }
}
