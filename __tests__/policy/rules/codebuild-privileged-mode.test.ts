import { codebuildPrivilegedMode } from "../../../src/policy/rules/codebuild-privileged-mode";
import { type Case, expectVerdict } from "./fixtures";

const environment = (extra: object) => ({ image: "aws/codebuild/amazonlinux2-x86_64-standard:5.0", ...extra });

describe("TITAN-CB-1: CodeBuild projects do not run in privileged mode", () => {
  test.each<Case>([
    ["privileged_mode false", { environment: environment({ privileged_mode: false }) }, "compliant"],
    ["privileged_mode unset (the default is false)", { environment: environment({}) }, "compliant"],
    [
      "environment rendered as a one-element list",
      { environment: [environment({ privileged_mode: false })] },
      "compliant",
    ],
    [
      "privileged_mode true",
      { environment: environment({ privileged_mode: true }) },
      /privileged_mode is true: set it to false/,
    ],
    [
      "privileged in a list-rendered block",
      { environment: [environment({ privileged_mode: true })] },
      /privileged_mode is true/,
    ],
    [
      "privileged_mode an expression",
      { environment: environment({ privileged_mode: "${var.x}" }) },
      /privileged_mode is "\$\{var.x\}"/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(codebuildPrivilegedMode, attributes, expected));
});
