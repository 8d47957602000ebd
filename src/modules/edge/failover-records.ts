import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Construct } from "constructs";
import { PropChecks } from "../../validation/prop-checks";

/** One side of the failover pair. */
export interface FailoverTarget {
  /** The region's own origin name, an alias record its regional stack owns. */
  readonly originName: string;
  /** The Route 53 health check of that origin. */
  readonly healthCheckId: string;
}

export interface OriginFailoverRecordsProps {
  readonly hostedZoneId: string;
  /** The failover name, `origin.<apiHostname>`. */
  readonly name: string;
  /** What the PRIMARY record answers with while its check passes: the region holding the writer. */
  readonly primary: FailoverTarget;
  /** What the SECONDARY record answers with otherwise: the standby region. */
  readonly secondary: FailoverTarget;
}

/**
 * The failover name CloudFront's default behaviour sends every request to: PRIMARY aliases
 * primary's origin name, SECONDARY DR's, each gated by its own health check and by its target's
 * health (the ALB having a healthy target).
 *
 * WHY aliases of records in the same zone: the regional stacks own `<role>.origin.<apiHostname>`,
 * so this stack knows every target from config and reads neither region's state (nor calls
 * us-east-2, which may be down when this stack must be applied). An alias target must exist when
 * the record is created: `global` deploys after `primary` and `dr`.
 *
 * WHY a health check on SECONDARY too: with it, Route 53 answers with the secondary only while it
 * is healthy; when both are unhealthy Route 53 answers with PRIMARY (it treats an all-unhealthy
 * group as all healthy), so a secondary that cannot serve never takes traffic from a primary that
 * might.
 *
 * WHY the pair changes targets rather than failover types when the writer moves: Route 53 refuses
 * two PRIMARY (or two SECONDARY) records for one name, and Terraform updates one record at a time,
 * so swapping types could never be applied. The set identifiers name the records (`primary` is the
 * PRIMARY one), not regions, and never change (a new set identifier replaces the record). The
 * SECONDARY record is updated only after the PRIMARY one: between the two updates both answer with
 * the new PRIMARY target, the region the writer moved to, never both with the old one.
 */
export class OriginFailoverRecords extends Construct {
  readonly primary: Route53Record;
  readonly secondary: Route53Record;

  constructor(scope: Construct, id: string, props: OriginFailoverRecordsProps) {
    super(scope, id);
    new PropChecks(this)
      .require(
        props.primary.originName !== props.secondary.originName,
        "secondary.originName",
        `is "${props.primary.originName}", primary's too; give each region's own origin name`,
      )
      .throwIfAny();
    const record = (
      recordId: string,
      role: "PRIMARY" | "SECONDARY",
      setIdentifier: string,
      target: FailoverTarget,
      after?: Route53Record,
    ) =>
      new Route53Record(this, recordId, {
        zoneId: props.hostedZoneId,
        name: props.name,
        type: "A",
        setIdentifier,
        failoverRoutingPolicy: { type: role },
        healthCheckId: target.healthCheckId,
        alias: { name: target.originName, zoneId: props.hostedZoneId, evaluateTargetHealth: true },
        dependsOn: after ? [after] : undefined,
      });
    this.primary = record("Primary", "PRIMARY", "primary", props.primary);
    this.secondary = record("Secondary", "SECONDARY", "dr", props.secondary, this.primary);
  }

  get name(): string {
    return this.primary.fqdn;
  }
}
