import { block, shown } from "../attributes";
import { type PolicyRule, verdict } from "../rule";

/** IMDSv1 answers any request that reaches it, which turns an SSRF into stolen role credentials. */
export const launchTemplateImdsv2: PolicyRule = {
  id: "TITAN-EC2-1",
  title: "Launch templates require IMDSv2 session tokens",
  severity: "high",
  mirrors: [
    { tool: "checkov", id: "CKV_AWS_79" },
    { tool: "trivy", id: "AVD-AWS-0130" },
  ],
  resourceTypes: ["aws_launch_template"],
  check({ attributes }) {
    const tokens = block(attributes, "metadata_options")?.http_tokens;
    return verdict([
      tokens !== "required" && `metadata_options.http_tokens is ${shown(tokens)}: set it to "required" (IMDSv2)`,
    ]);
  },
};
