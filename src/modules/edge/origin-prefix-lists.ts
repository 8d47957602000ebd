import { DataAwsEc2ManagedPrefixList } from "@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list";
import { Construct } from "constructs";

/** CloudFront's origin-facing servers: one global list, visible in every region under its own id. */
export const CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST = "com.amazonaws.global.cloudfront.origin-facing";

/**
 * The Route 53 health checkers' list in `region`. AWS tells owners to allow the list of the
 * region their endpoint is in (Route 53 developer guide, "Configuring router and firewall rules
 * for Amazon Route 53 health checks"): it holds the IPv4 ranges of every checker region, which is
 * why its maximum size (25) matches the full published set of checker ranges rather than one
 * region's three. The IPv6 list (`...ipv6.route53-healthchecks`) is not needed: the ALB is IPv4 only.
 */
export function healthCheckerPrefixListName(region: string): string {
  return `com.amazonaws.${region}.route53-healthchecks`;
}

export interface OriginPrefixListsProps {
  /** The region of the load balancer the lists admit. */
  readonly region: string;
}

/**
 * The AWS-managed prefix lists an origin admits: CloudFront's origin-facing servers and Route 53's
 * health checkers, looked up by name in the origin's own region (a prefix list id is regional).
 */
export class OriginPrefixLists extends Construct {
  readonly cloudFront: DataAwsEc2ManagedPrefixList;
  readonly healthCheckers: DataAwsEc2ManagedPrefixList;

  constructor(scope: Construct, id: string, props: OriginPrefixListsProps) {
    super(scope, id);
    this.cloudFront = new DataAwsEc2ManagedPrefixList(this, "CloudFront", {
      name: CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST,
    });
    this.healthCheckers = new DataAwsEc2ManagedPrefixList(this, "HealthCheckers", {
      name: healthCheckerPrefixListName(props.region),
    });
  }

  get cloudFrontId(): string {
    return this.cloudFront.id;
  }

  get healthCheckersId(): string {
    return this.healthCheckers.id;
  }
}
