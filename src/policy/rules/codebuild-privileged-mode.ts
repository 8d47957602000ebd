import { block, shown } from "../attributes";
import { type PolicyRule, verdict } from "../rule";

/**
 * A privileged build container can reach the host's kernel and devices; only a project that runs
 * the Docker daemon needs it, and such a project says why in a suppression.
 */
export const codebuildPrivilegedMode: PolicyRule = {
  id: "TITAN-CB-1",
  title: "CodeBuild projects do not run in privileged mode",
  severity: "high",
  mirrors: [{ tool: "checkov", id: "CKV_AWS_316" }],
  resourceTypes: ["aws_codebuild_project"],
  check({ attributes }) {
    const privileged = block(attributes, "environment")?.privileged_mode;
    return verdict([
      privileged !== undefined &&
        privileged !== false &&
        `environment.privileged_mode is ${shown(privileged)}: set it to false, or suppress TITAN-CB-1 on the project with the reason it needs the Docker daemon`,
    ]);
  },
};
