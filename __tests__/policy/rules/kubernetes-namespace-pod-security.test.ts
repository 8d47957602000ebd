import { kubernetesNamespacePodSecurity } from "../../../src/policy/rules/kubernetes-namespace-pod-security";
import { type Case, expectVerdict } from "./fixtures";

const namespace = (labels: Record<string, string>) => ({
  metadata: { name: "birthday", labels: { "app.kubernetes.io/managed-by": "titan", ...labels } },
});
const PSA = "pod-security.kubernetes.io";

describe("TITAN-K8S-4: namespaces enforce a Pod Security profile", () => {
  test.each<Case>([
    [
      "restricted, reported against restricted (as synthesized for the app)",
      namespace({ [`${PSA}/enforce`]: "restricted", [`${PSA}/warn`]: "restricted", [`${PSA}/audit`]: "restricted" }),
      "compliant",
    ],
    [
      "privileged, reported against baseline (as synthesized for monitoring)",
      namespace({ [`${PSA}/enforce`]: "privileged", [`${PSA}/warn`]: "baseline", [`${PSA}/audit`]: "baseline" }),
      "compliant",
    ],
    ["baseline, no report labels", namespace({ [`${PSA}/enforce`]: "baseline" }), "compliant"],
    [
      "no enforce label (Kubernetes admits privileged pods)",
      namespace({}),
      /has no pod-security.kubernetes.io\/enforce/,
    ],
    ["no labels at all", { metadata: { name: "x" } }, /has no pod-security.kubernetes.io\/enforce/],
    ["only warn", namespace({ [`${PSA}/warn`]: "restricted" }), /has no pod-security.kubernetes.io\/enforce/],
    ["a level that does not exist", namespace({ [`${PSA}/enforce`]: "strict" }), /enforce is "strict": use one of/],
    [
      "privileged, warning against nothing stricter",
      namespace({ [`${PSA}/enforce`]: "privileged" }),
      /enforces privileged and warns against nothing stricter/,
    ],
    [
      "privileged, warning against privileged",
      namespace({ [`${PSA}/enforce`]: "privileged", [`${PSA}/warn`]: "privileged" }),
      /enforces privileged and warns against nothing stricter/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(kubernetesNamespacePodSecurity, attributes, expected));
});
