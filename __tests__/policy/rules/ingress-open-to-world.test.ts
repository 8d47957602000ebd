import { ingressOpenToWorld } from "../../../src/policy/rules/ingress-open-to-world";
import { type Case, expectVerdict } from "./fixtures";

const rule = (extra: object) => ({ security_group_id: "${aws_security_group.Alb.id}", ip_protocol: "tcp", ...extra });

describe("TITAN-VPC-1: nothing is open to the whole internet", () => {
  describe("aws_vpc_security_group_ingress_rule", () => {
    test.each<Case>([
      [
        "HTTPS from anywhere, which would bypass CloudFront",
        rule({ cidr_ipv4: "0.0.0.0/0", from_port: 443, to_port: 443 }),
        /ingress from 0\.0\.0\.0\/0 allows protocol "tcp" ports 443-443: nothing may be open to the internet/,
      ],
      ["HTTP from anywhere over IPv6", rule({ cidr_ipv6: "::/0", from_port: 80, to_port: 80 }), /ingress from ::\/0/],
      ["PostgreSQL from the VPC", rule({ cidr_ipv4: "10.0.0.0/16", from_port: 5432, to_port: 5432 }), "compliant"],
      [
        "the app port from a security group",
        rule({ referenced_security_group_id: "${x.id}", from_port: 5000, to_port: 5000 }),
        "compliant",
      ],
      [
        "HTTPS from CloudFront's origin-facing prefix list",
        rule({ prefix_list_id: "${data.aws_ec2_managed_prefix_list.CloudFront.id}", from_port: 443, to_port: 443 }),
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
        /ports 80-443: nothing may be open/,
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
    ])("%s", (_name, attributes, expected) =>
      expectVerdict(ingressOpenToWorld, attributes, expected, { type: "aws_vpc_security_group_ingress_rule" }),
    );
  });

  describe("inline ingress blocks of aws_security_group", () => {
    const group = (...ingress: object[]) => ({ name: "titan-primary-x", vpc_id: "${aws_vpc.V.id}", ingress });
    const block = (extra: object) => ({ protocol: "tcp", cidr_blocks: [], ipv6_cidr_blocks: [], ...extra });
    test.each<Case>([
      ["no inline ingress", { name: "titan-primary-x" }, "compliant"],
      [
        "HTTPS from anywhere",
        group(block({ from_port: 443, to_port: 443, cidr_blocks: ["0.0.0.0/0"] })),
        /ingress from 0.0.0.0\/0 allows protocol "tcp" ports 443-443/,
      ],
      [
        "SSH from anywhere beside HTTPS from a prefix list",
        group(
          block({ from_port: 443, to_port: 443, prefix_list_ids: ["pl-0123"] }),
          block({ from_port: 22, to_port: 22, cidr_blocks: ["10.0.0.0/8", "0.0.0.0/0"] }),
        ),
        /^ingress\[1\] from 0.0.0.0\/0 allows protocol "tcp" ports 22-22/,
      ],
      [
        "everything from anywhere over IPv6",
        group(block({ protocol: "-1", from_port: 0, to_port: 0, ipv6_cidr_blocks: ["::/0"] })),
        /ingress from ::\/0 allows protocol "-1" ports 0-0/,
      ],
      [
        "PostgreSQL from a prefix list and a security group",
        group(block({ from_port: 5432, to_port: 5432, prefix_list_ids: ["pl-0123"], security_groups: ["sg-1"] })),
        "compliant",
      ],
    ])("%s", (_name, attributes, expected) =>
      expectVerdict(ingressOpenToWorld, attributes, expected, { type: "aws_security_group" }),
    );

    it("judges the default security group's inline ingress the same way", () => {
      expectVerdict(
        ingressOpenToWorld,
        group(block({ from_port: 3389, to_port: 3389, cidr_blocks: ["0.0.0.0/0"] })),
        /ingress from 0.0.0.0\/0 allows protocol "tcp" ports 3389-3389/,
        { type: "aws_default_security_group" },
      );
    });
  });

  describe("aws_security_group_rule", () => {
    const sgRule = (extra: object) => ({
      security_group_id: "${aws_security_group.Alb.id}",
      protocol: "tcp",
      ...extra,
    });
    test.each<Case>([
      [
        "HTTP ingress from anywhere",
        sgRule({ type: "ingress", from_port: 80, to_port: 80, cidr_blocks: ["0.0.0.0/0"] }),
        /ingress from 0.0.0.0\/0 allows protocol "tcp" ports 80-80/,
      ],
      [
        "Redis ingress from anywhere",
        sgRule({ type: "ingress", from_port: 6379, to_port: 6379, cidr_blocks: ["0.0.0.0/0"] }),
        /ingress from 0.0.0.0\/0 allows protocol "tcp" ports 6379-6379/,
      ],
      [
        "ingress from a source security group",
        sgRule({ type: "ingress", from_port: 5432, to_port: 5432, source_security_group_id: "sg-1" }),
        "compliant",
      ],
      [
        "egress to anywhere",
        sgRule({ type: "egress", from_port: 0, to_port: 0, protocol: "-1", cidr_blocks: ["0.0.0.0/0"] }),
        "not-applicable",
      ],
    ])("%s", (_name, attributes, expected) =>
      expectVerdict(ingressOpenToWorld, attributes, expected, { type: "aws_security_group_rule" }),
    );
  });
});
