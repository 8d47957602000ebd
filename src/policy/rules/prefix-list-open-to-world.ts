import { blocks } from "../attributes";
import { type PolicyRule, verdict } from "../rule";
import { WORLD_CIDRS } from "./ingress-open-to-world";

/**
 * A customer-managed prefix list is a named set of addresses that security group rules reference
 * instead of CIDRs; one holding 0.0.0.0/0 or ::/0 would open every rule that uses it to the
 * internet while TITAN-VPC-1 sees only a prefix-list id.
 */
export const prefixListOpenToWorld: PolicyRule = {
  id: "TITAN-VPC-2",
  title: "Customer-managed prefix lists hold no 0.0.0.0/0 or ::/0 entry",
  severity: "high",
  mirrors: {
    none: "checkov and trivy judge the CIDRs of security group rules, not the entries of a prefix list a rule references",
  },
  resourceTypes: ["aws_ec2_managed_prefix_list", "aws_ec2_managed_prefix_list_entry"],
  check({ type, attributes }) {
    const entries = type === "aws_ec2_managed_prefix_list" ? blocks(attributes, "entry") : [attributes];
    return verdict(
      entries.map(
        (entry) =>
          WORLD_CIDRS.has(String(entry.cidr)) &&
          `the entry ${String(entry.cidr)} makes every security group rule referencing this list open to the internet: list the addresses that need access`,
      ),
    );
  },
};
