import { ingressOpenToWorld } from "../../../src/policy/rules/ingress-open-to-world";
import { type Case, expectVerdict } from "./fixtures";

const rule = (extra: object) => ({ security_group_id: "${aws_security_group.Alb.id}", ip_protocol: "tcp", ...extra });

describe("TITAN-VPC-1: nothing is open to the whole internet", () => {
  test.each<Case>([
    [
      "HTTPS from CloudFront's origin-facing prefix list (the ALB)",
      rule({ prefix_list_id: "${data.aws_ec2_managed_prefix_list.CloudFront.id}", from_port: 443, to_port: 443 }),
      "compliant",
    ],
    ["PostgreSQL from the VPC", rule({ cidr_ipv4: "10.0.0.0/16", from_port: 5432, to_port: 5432 }), "compliant"],
    [
      "the app port from a security group",
      rule({ referenced_security_group_id: "${x.id}", from_port: 5000, to_port: 5000 }),
      "compliant",
    ],
    [
      "HTTPS from anywhere, which would bypass CloudFront",
      rule({ cidr_ipv4: "0.0.0.0/0", from_port: 443, to_port: 443 }),
      /ingress from 0\.0\.0\.0\/0 allows protocol "tcp" ports 443-443: nothing may be open to the internet/,
    ],
    ["HTTP from anywhere over IPv6", rule({ cidr_ipv6: "::/0", from_port: 80, to_port: 80 }), /ingress from ::\/0/],
    [
      "SSH from anywhere",
      rule({ cidr_ipv4: "0.0.0.0/0", from_port: 22, to_port: 22 }),
      /ingress from 0\.0\.0\.0\/0 allows protocol "tcp" ports 22-22/,
    ],
    [
      "every protocol from anywhere",
      rule({ cidr_ipv4: "0.0.0.0/0", ip_protocol: "-1" }),
      /protocol "-1" ports unset-unset/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(ingressOpenToWorld, attributes, expected));
});
