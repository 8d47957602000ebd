import { kubernetesJobHardening } from "../../../src/policy/rules/kubernetes-job-hardening";
import { type Case, expectVerdict } from "./fixtures";

const CONTAINER = {
  name: "psql",
  security_context: {
    allow_privilege_escalation: false,
    read_only_root_filesystem: true,
    capabilities: { drop: ["ALL"] },
  },
};
const job = (container: object, podSecurity: object = { run_as_non_root: true }) => ({
  spec: { template: { spec: { security_context: podSecurity, container: [container] } } },
});

describe("TITAN-K8S-3: Jobs run restricted", () => {
  test.each<Case>([
    ["non-root pod, hardened container (as synthesized)", job(CONTAINER), "compliant"],
    ["may run as root", job(CONTAINER, {}), /container "psql" may run as root/],
    [
      "may escalate",
      job({ ...CONTAINER, security_context: { ...CONTAINER.security_context, allow_privilege_escalation: undefined } }),
      /may escalate privileges/,
    ],
    [
      "writable root filesystem",
      job({ ...CONTAINER, security_context: { ...CONTAINER.security_context, read_only_root_filesystem: false } }),
      /writable root filesystem/,
    ],
    [
      "keeps capabilities",
      job({ ...CONTAINER, security_context: { ...CONTAINER.security_context, capabilities: { drop: ["NET_RAW"] } } }),
      /keeps capabilities/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(kubernetesJobHardening, attributes, expected));
});
