import { block, isExpression } from "../attributes";
import { type PolicyRule, verdict } from "../rule";

const WORLD = new Set(["0.0.0.0/0", "::/0"]);

/**
 * Kubernetes secrets are envelope-encrypted with a customer key, and a public API endpoint is
 * reachable only from listed networks. EKS makes the endpoint public, to everyone, unless told
 * otherwise, so unset counts as public and an unset CIDR list as 0.0.0.0/0.
 */
export const eksClusterHardening: PolicyRule = {
  id: "TITAN-EKS-1",
  title: "EKS clusters encrypt secrets and do not expose the API endpoint to the whole internet",
  severity: "high",
  mirrors: [
    { tool: "checkov", id: "CKV_AWS_58" },
    { tool: "checkov", id: "CKV_AWS_38" },
    { tool: "trivy", id: "AVD-AWS-0039" },
    { tool: "trivy", id: "AVD-AWS-0041" },
  ],
  resourceTypes: ["aws_eks_cluster"],
  check({ attributes }) {
    const vpc = block(attributes, "vpc_config") ?? {};
    const isPublic = vpc.endpoint_public_access !== false;
    const cidrs = vpc.public_access_cidrs;
    const listed = Array.isArray(cidrs) && cidrs.length > 0 && cidrs.every((cidr) => !isExpression(cidr));
    const open = !listed || (cidrs as unknown[]).some((cidr) => WORLD.has(cidr as string));
    return verdict([
      block(attributes, "encryption_config") === undefined &&
        'encryption_config is missing: encrypt "secrets" with the region\'s customer key',
      isPublic &&
        open &&
        "the API endpoint is public to any address (vpc_config.public_access_cidrs is empty, an expression or holds 0.0.0.0/0): list the operators' CIDRs, or set endpoint_public_access = false",
    ]);
  },
};
