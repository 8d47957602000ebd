import { ingressOpenToWorld } from "../../../src/policy/rules/ingress-open-to-world";
import { type Case, expectVerdict } from "./fixtures";

const rule = (extra: object) => ({ security_group_id: "${aws_security_group.Alb.id}", ip_protocol: "tcp", ...extra });

describe("TITAN-VPC-1: only 80 and 443 are open to the internet", () => {
  test.each<Case>([
    ["HTTPS from anywhere (the ALB)", rule({ cidr_ipv4: "0.0.0.0/0", from_port: 443, to_port: 443 }), "compliant"],
    ["HTTP from anywhere over IPv6", rule({ cidr_ipv6: "::/0", from_port: 80, to_port: 80 }), "compliant"],
    ["PostgreSQL from the VPC", rule({ cidr_ipv4: "10.0.0.0/16", from_port: 5432, to_port: 5432 }), "compliant"],
    [
      "the app port from a security group",
      rule({ referenced_security_group_id: "${x.id}", from_port: 5000, to_port: 5000 }),
      "compliant",
    ],
    [
      "SSH from anywhere",
      rule({ cidr_ipv4: "0.0.0.0/0", from_port: 22, to_port: 22 }),
      /ingress from 0.0.0.0\/0 allows protocol "tcp" ports 22-22/,
    ],
    [
      "PostgreSQL from anywhere over IPv6",
      rule({ cidr_ipv6: "::/0", from_port: 5432, to_port: 5432 }),
      /ingress from ::\/0/,
    ],
    [
      "a range spanning 80-443",
      rule({ cidr_ipv4: "0.0.0.0/0", from_port: 80, to_port: 443 }),
      /ports 80-443: only TCP 80 or 443/,
    ],
    [
      "every protocol from anywhere",
      rule({ cidr_ipv4: "0.0.0.0/0", ip_protocol: "-1" }),
      /protocol "-1" ports unset-unset/,
    ],
    [
      "UDP 443 from anywhere",
      rule({ cidr_ipv4: "0.0.0.0/0", ip_protocol: "udp", from_port: 443, to_port: 443 }),
      /protocol "udp"/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(ingressOpenToWorld, attributes, expected));
});
