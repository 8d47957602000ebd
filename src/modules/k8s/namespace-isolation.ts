import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { Construct } from "constructs";

/** One destination the namespace's pods may reach, besides DNS. */
export interface AllowedEgress {
  /** What it is, for the reader (e.g. "Aurora's writer"). */
  readonly description: string;
  readonly cidr: string;
  readonly port: number;
}

export interface NamespaceIsolationProps {
  readonly namespace: string;
  /** Where the pods may connect, on TCP. DNS to the cluster's CoreDNS is always allowed. */
  readonly egress: readonly AllowedEgress[];
}

/**
 * Default deny for a namespace: no pod in it accepts a connection, and its pods connect only to
 * CoreDNS and the listed destinations. NetworkPolicies need an engine to take effect: on EKS the
 * VPC CNI's network policy agent, which the regional stack switches on (`enableNetworkPolicy`).
 * Without it they are accepted and ignored, so this is defence in depth, never the only control.
 */
export class NamespaceIsolation extends Construct {
  constructor(scope: Construct, id: string, props: NamespaceIsolationProps) {
    super(scope, id);
    for (const { cidr, port } of props.egress) {
      if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr) || !Number.isInteger(port) || port < 1 || port > 65535) {
        throw new Error(
          `NamespaceIsolation ${props.namespace}: egress needs an IPv4 CIDR and a TCP port, got ${cidr}:${port}`,
        );
      }
    }
    const labels = { "app.kubernetes.io/managed-by": "titan" };
    new NetworkPolicyV1(this, "DenyAll", {
      metadata: { namespace: props.namespace, name: "default-deny", labels },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    });
    new NetworkPolicyV1(this, "AllowEgress", {
      metadata: {
        namespace: props.namespace,
        name: "allow-dns-and-listed-egress",
        labels,
        annotations: {
          "titan.io/egress": props.egress.map((e) => `${e.description}: ${e.cidr}:${e.port}`).join("; "),
        },
      },
      spec: {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
                podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
              },
            ],
            ports: [
              { protocol: "UDP", port: "53" },
              { protocol: "TCP", port: "53" },
            ],
          },
          ...props.egress.map(({ cidr, port }) => ({
            to: [{ ipBlock: { cidr } }],
            ports: [{ protocol: "TCP", port: String(port) }],
          })),
        ],
      },
    });
  }
}
