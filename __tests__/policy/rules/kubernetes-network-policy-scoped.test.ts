import { kubernetesNetworkPolicyScoped } from "../../../src/policy/rules/kubernetes-network-policy-scoped";
import { type Case, expectVerdict } from "./fixtures";

const DNS = {
  to: [
    {
      namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "kube-system" } },
      pod_selector: { match_labels: { "k8s-app": "kube-dns" } },
    },
  ],
  ports: [
    { protocol: "UDP", port: "53" },
    { protocol: "TCP", port: "53" },
  ],
};
const egress = (...rules: object[]) => ({
  metadata: { name: "allow-dns-and-listed-egress" },
  spec: { pod_selector: {}, policy_types: ["Egress"], egress: rules },
});
const vpc = (cidr: string, port = "5432") => ({ to: [{ ip_block: { cidr } }], ports: [{ protocol: "TCP", port }] });

describe("TITAN-K8S-6: NetworkPolicies allow named peers and ports", () => {
  test.each<Case>([
    ["default deny (as synthesized)", { spec: { pod_selector: {}, policy_types: ["Ingress", "Egress"] } }, "compliant"],
    ["DNS and the VPC's Aurora port (as synthesized)", egress(DNS, vpc("10.0.0.0/16")), "compliant"],
    ["egress to the internet", egress(DNS, vpc("0.0.0.0/0", "443")), /spec.egress\[1\] allows to anywhere/],
    ["egress to every IPv6 address", egress(vpc("::/0")), /allows to anywhere/],
    ["a rule without peers", egress({ ports: [{ protocol: "TCP", port: "443" }] }), /names no peer/],
    ["a rule without ports", egress({ to: [{ ip_block: { cidr: "10.0.0.0/16" } }] }), /names no port/],
    [
      "ingress from anywhere",
      {
        spec: { pod_selector: {}, ingress: [{ from: [{ ip_block: { cidr: "0.0.0.0/0" } }], ports: [{ port: "80" }] }] },
      },
      /spec.ingress\[0\] allows from anywhere/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(kubernetesNetworkPolicyScoped, attributes, expected));
});
