import { shown } from "../attributes";
import { INGRESS_RESOURCE_TYPES, ingressPermissions } from "../ingress";
import { notApplicable, type PolicyRule, verdict } from "../rule";

/** Sources that mean "any address". */
export const WORLD_CIDRS: ReadonlySet<string> = new Set(["0.0.0.0/0", "::/0"]);

/**
 * Nothing is open to the whole internet, not even the load balancers, however the rule is
 * declared: viewers reach them only through CloudFront (its origin-facing prefix list) and Route
 * 53's health checkers through theirs, so a rule admitting every address would bypass the WAF and
 * the origin-verify header. A prefix list or security group as the source is not "every address";
 * a customer prefix list holding 0.0.0.0/0 is caught by TITAN-VPC-2.
 */
export const ingressOpenToWorld: PolicyRule = {
  id: "TITAN-VPC-1",
  title: "Security group ingress is never open to the whole internet (0.0.0.0/0, ::/0)",
  severity: "high",
  mirrors: [
    { tool: "checkov", id: "CKV_AWS_24" },
    { tool: "checkov", id: "CKV_AWS_25" },
    { tool: "checkov", id: "CKV_AWS_260" },
    { tool: "checkov", id: "CKV_AWS_277" },
    { tool: "trivy", id: "AVD-AWS-0107" },
  ],
  resourceTypes: [...INGRESS_RESOURCE_TYPES],
  check(resource) {
    if (resource.type === "aws_security_group_rule" && resource.attributes.type !== "ingress") {
      return notApplicable(`an ${shown(resource.attributes.type)} rule opens no ingress`);
    }
    return verdict(
      ingressPermissions(resource).map((p) => {
        const source = p.cidrs.find((cidr) => WORLD_CIDRS.has(cidr));
        return (
          source !== undefined &&
          `${p.label} from ${source} allows protocol ${shown(p.protocol)} ports ${shown(p.fromPort)}-${shown(p.toPort)}: nothing may be open to the internet; admit a managed prefix list (CloudFront's origin-facing list for an ALB) or a security group`
        );
      }),
    );
  },
};
