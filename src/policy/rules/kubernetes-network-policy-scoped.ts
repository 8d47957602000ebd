import { block, blocks } from "../attributes";
import type { Attributes } from "../rule";
import { type PolicyRule, verdict } from "../rule";

const ANYWHERE = ["0.0.0.0/0", "::/0"];

/**
 * NetworkPolicies titan writes narrow traffic: every allow names its peers and its ports, and no
 * peer is the whole internet. A rule with no peer or no port allows everything on that side, which
 * silently undoes the namespace's default deny.
 */
export const kubernetesNetworkPolicyScoped: PolicyRule = {
  id: "TITAN-K8S-6",
  title: "Kubernetes NetworkPolicies allow named peers on named ports, never the internet",
  severity: "medium",
  mirrors: {
    none: "checkov and trivy ask whether a namespace has a NetworkPolicy (in manifests), not what a Terraform-managed NetworkPolicy's rules allow",
  },
  resourceTypes: ["kubernetes_network_policy_v1", "kubernetes_network_policy"],
  check({ attributes }) {
    const spec = block(attributes, "spec") ?? {};
    const problems: (string | false)[] = [];
    const judge = (direction: "ingress" | "egress", peersKey: "from" | "to") => {
      blocks(spec, direction).forEach((rule: Attributes, index) => {
        const where = `spec.${direction}[${index}]`;
        const peers = blocks(rule, peersKey);
        const cidrs = peers.flatMap((peer) => blocks(peer, "ip_block").map((ip) => String(ip.cidr)));
        problems.push(
          peers.length === 0 && `${where} names no peer, so it allows every source and destination: list them`,
          blocks(rule, "ports").length === 0 && `${where} names no port, so it allows them all: list them`,
          cidrs.some((cidr) => ANYWHERE.includes(cidr)) && `${where} allows ${peersKey} anywhere: name the CIDR`,
        );
      });
    };
    judge("ingress", "from");
    judge("egress", "to");
    return verdict(problems);
  },
};
