import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Construct } from "constructs";

export interface RegionalOriginRecordProps {
  /** The public hosted zone. */
  readonly hostedZoneId: string;
  /** The region's own origin name, `<role>.origin.<apiHostname>` (`regionalOriginHostname`). */
  readonly name: string;
  /** The region's load balancer. */
  readonly loadBalancerDnsName: string;
  readonly loadBalancerZoneId: string;
}

/**
 * The region's own origin name, an alias of its ALB, owned by the regional stack.
 *
 * WHY here: the global stack's failover records and CloudFront's origin group point at these
 * names, so `global` needs no ALB DNS name and reads nothing from the regions (and nothing from
 * us-east-2 while it is down). Route 53 is a global service: the record is not a us-east-2
 * resource, and it stays answerable when us-east-2 is not. `evaluate_target_health` makes the
 * alias unhealthy when the ALB has no healthy target, which the failover records evaluate.
 */
export class RegionalOriginRecord extends Construct {
  readonly record: Route53Record;

  constructor(scope: Construct, id: string, props: RegionalOriginRecordProps) {
    super(scope, id);
    this.record = new Route53Record(this, "Resource", {
      zoneId: props.hostedZoneId,
      name: props.name,
      type: "A",
      alias: { name: props.loadBalancerDnsName, zoneId: props.loadBalancerZoneId, evaluateTargetHealth: true },
    });
  }

  get fqdn(): string {
    return this.record.fqdn;
  }
}
