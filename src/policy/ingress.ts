/**
 * Security group ingress, whichever resource opens it: an inline `ingress` block of
 * `aws_security_group` (or `aws_default_security_group`), an `aws_security_group_rule` of type
 * `ingress`, or an `aws_vpc_security_group_ingress_rule`. Rules judge the normalized permission,
 * so a port cannot slip past the policy by being declared another way.
 */
import { blocks } from "./attributes";
import type { Attributes, SynthesizedResource } from "./rule";

/** One ingress permission: a protocol and port range from a set of sources. */
export interface IngressPermission {
  /** Where it is declared, for messages: `ingress` or `ingress[1]`. */
  readonly label: string;
  readonly protocol: unknown;
  readonly fromPort: unknown;
  readonly toPort: unknown;
  /** IPv4 and IPv6 CIDRs. */
  readonly cidrs: readonly string[];
  /** Managed prefix lists (AWS's, such as CloudFront's origin-facing list, or customer lists). */
  readonly prefixLists: readonly string[];
  readonly securityGroups: readonly string[];
  readonly self: boolean;
}

/** The resource types that can open ingress. */
export const INGRESS_RESOURCE_TYPES = [
  "aws_security_group",
  "aws_default_security_group",
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
] as const;

function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null || value === "" ? [] : [value];
  return list.map(String);
}

function fromRuleShape(label: string, a: Attributes, sourceGroupKey: string): IngressPermission {
  return {
    label,
    protocol: a.protocol,
    fromPort: a.from_port,
    toPort: a.to_port,
    cidrs: [...strings(a.cidr_blocks), ...strings(a.ipv6_cidr_blocks)],
    prefixLists: strings(a.prefix_list_ids),
    securityGroups: strings(a[sourceGroupKey]),
    self: a.self === true,
  };
}

/**
 * Every ingress permission `resource` grants. Empty for an egress `aws_security_group_rule` and for
 * a group without inline ingress.
 */
export function ingressPermissions({ type, attributes }: SynthesizedResource): IngressPermission[] {
  switch (type) {
    case "aws_security_group":
    case "aws_default_security_group": {
      const inline = blocks(attributes, "ingress");
      return inline.map((b, i) => fromRuleShape(inline.length > 1 ? `ingress[${i}]` : "ingress", b, "security_groups"));
    }
    case "aws_security_group_rule":
      return attributes.type === "ingress" ? [fromRuleShape("ingress", attributes, "source_security_group_id")] : [];
    case "aws_vpc_security_group_ingress_rule":
      return [
        {
          label: "ingress",
          protocol: attributes.ip_protocol,
          fromPort: attributes.from_port,
          toPort: attributes.to_port,
          cidrs: [...strings(attributes.cidr_ipv4), ...strings(attributes.cidr_ipv6)],
          prefixLists: strings(attributes.prefix_list_id),
          securityGroups: strings(attributes.referenced_security_group_id),
          self: false,
        },
      ];
    default:
      return [];
  }
}
