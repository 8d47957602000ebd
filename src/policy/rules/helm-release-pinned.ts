import { isTrue, shown } from "../attributes";
import { type PolicyRule, verdict } from "../rule";

const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/**
 * A release installs the same chart on every apply and never leaves a half-upgraded controller:
 * an exact chart version (a range, or none, takes whatever the repository serves that day),
 * `atomic` (roll back a failed install or upgrade) and an explicit timeout.
 */
export const helmReleasePinned: PolicyRule = {
  id: "TITAN-HELM-1",
  title: "Helm releases pin an exact chart version, are atomic and set a timeout",
  severity: "medium",
  mirrors: {
    none: "checkov and trivy scan a chart's templates, not the helm_release resource's version pin, atomic flag or timeout",
  },
  resourceTypes: ["helm_release"],
  check({ attributes }) {
    const version = attributes.version;
    const timeout = attributes.timeout;
    const localChart = typeof attributes.chart === "string" && /^(\.|\/)/.test(attributes.chart);
    return verdict([
      !localChart &&
        !(typeof version === "string" && EXACT_VERSION.test(version)) &&
        `version is ${shown(version)}: pin an exact chart version such as "1.2.3"`,
      !isTrue(attributes.atomic) &&
        `atomic is ${shown(attributes.atomic)}: set it to true so a failed upgrade rolls back`,
      !(typeof timeout === "number" && timeout > 0) &&
        `timeout is ${shown(timeout)}: set the seconds a release may take to become ready`,
    ]);
  },
};
