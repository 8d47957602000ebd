import { shown } from "../attributes";
import { COMPLIANT, type PolicyRule, verdict } from "../rule";

const WORLD = new Set(["0.0.0.0/0", "::/0"]);

/** The ports an internet-facing load balancer listens on. */
const PUBLIC_PORTS = new Set([80, 443]);

/** Only HTTP and HTTPS to the internet-facing ALB may be open to every address. */
export const ingressOpenToWorld: PolicyRule = {
  id: "TITAN-VPC-1",
  title: "Security group ingress open to the internet (0.0.0.0/0, ::/0) allows only TCP 80 or 443",
  resourceTypes: ["aws_vpc_security_group_ingress_rule"],
  check({ attributes }) {
    const source = [attributes.cidr_ipv4, attributes.cidr_ipv6].find((cidr) => WORLD.has(cidr as string));
    if (source === undefined) {
      return COMPLIANT;
    }
    const { ip_protocol: protocol, from_port: from, to_port: to } = attributes;
    const tcp = protocol === "tcp" || protocol === "6";
    const port = tcp && from === to && PUBLIC_PORTS.has(from as number);
    return verdict([
      !port &&
        `ingress from ${source} allows protocol ${shown(protocol)} ports ${shown(from)}-${shown(to)}: only TCP 80 or 443 (the internet-facing ALB) may be open to the internet; narrow the source CIDR or reference a security group`,
    ]);
  },
};
