import { shown } from "../attributes";
import { COMPLIANT, type PolicyRule, verdict } from "../rule";

const WORLD = new Set(["0.0.0.0/0", "::/0"]);

/**
 * Nothing is open to the whole internet, not even the load balancers: viewers reach them only
 * through CloudFront (its origin-facing prefix list) and Route 53's health checkers through
 * theirs, so a rule admitting every address would bypass the WAF and the origin-verify header.
 */
export const ingressOpenToWorld: PolicyRule = {
  id: "TITAN-VPC-1",
  title: "Security group ingress is never open to the whole internet (0.0.0.0/0, ::/0)",
  resourceTypes: ["aws_vpc_security_group_ingress_rule"],
  check({ attributes }) {
    const source = [attributes.cidr_ipv4, attributes.cidr_ipv6].find((cidr) => WORLD.has(cidr as string));
    if (source === undefined) {
      return COMPLIANT;
    }
    const { ip_protocol: protocol, from_port: from, to_port: to } = attributes;
    return verdict([
      `ingress from ${source} allows protocol ${shown(protocol)} ports ${shown(from)}-${shown(to)}: nothing may be open to the internet; admit a managed prefix list (CloudFront's origin-facing list for an ALB) or a security group`,
    ]);
  },
};
