import { helmReleasePinned } from "../../../src/policy/rules/helm-release-pinned";
import { type Case, expectVerdict } from "./fixtures";

const PINNED = {
  name: "cluster-autoscaler",
  chart: "cluster-autoscaler",
  version: "9.59.0",
  atomic: true,
  timeout: 600,
};

describe("TITAN-HELM-1: Helm releases are pinned, atomic and time-boxed", () => {
  test.each<Case>([
    ["exact version, atomic, timeout (as synthesized)", PINNED, "compliant"],
    ["a local chart needs no version", { ...PINNED, chart: "./charts/local", version: undefined }, "compliant"],
    [
      "no version (whatever the repository serves)",
      { ...PINNED, version: undefined },
      /version is unset: pin an exact chart version/,
    ],
    ["a version range", { ...PINNED, version: "~9.59" }, /version is "~9.59"/],
    ["not atomic", { ...PINNED, atomic: false }, /atomic is false: set it to true/],
    ["no timeout", { ...PINNED, timeout: undefined }, /timeout is unset/],
  ])("%s", (_name, attributes, expected) => expectVerdict(helmReleasePinned, attributes, expected));
});
