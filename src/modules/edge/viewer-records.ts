import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Construct } from "constructs";

export interface ViewerRecordsProps {
  readonly hostedZoneId: string;
  /** The API's public name. */
  readonly name: string;
  /** The distribution's `domain_name` and `hosted_zone_id`. */
  readonly distributionDomainName: string;
  readonly distributionZoneId: string;
}

/**
 * `apiHostname` -> the distribution, for IPv4 (A) and IPv6 (AAAA) viewers.
 *
 * `evaluate_target_health` is false because Route 53 cannot evaluate a CloudFront distribution's
 * health (it refuses true for such aliases); CloudFront's own edge is the redundancy here.
 */
export class ViewerRecords extends Construct {
  readonly ipv4: Route53Record;
  readonly ipv6: Route53Record;

  constructor(scope: Construct, id: string, props: ViewerRecordsProps) {
    super(scope, id);
    const alias = {
      name: props.distributionDomainName,
      zoneId: props.distributionZoneId,
      evaluateTargetHealth: false,
    };
    const record = (recordId: string, type: "A" | "AAAA") =>
      new Route53Record(this, recordId, { zoneId: props.hostedZoneId, name: props.name, type, alias });
    this.ipv4 = record("Ipv4", "A");
    this.ipv6 = record("Ipv6", "AAAA");
  }
}
