import { blocks, isSet, shown } from "../attributes";
import { type PolicyRule, verdict } from "../rule";
import { KMS_ENCRYPTION } from "./ecr-repository-hardening";

/**
 * Repositories ECR creates on titan's behalf (a pull through cache's first pull) are KMS-encrypted
 * and expire what they cache, like the repositories titan creates itself. Their tags stay mutable:
 * a cached tag must follow its upstream, which TITAN-ECR-1's immutability would freeze.
 */
export const ecrRepositoryCreationTemplate: PolicyRule = {
  id: "TITAN-ECR-3",
  title: "ECR repository creation templates encrypt with KMS and set a lifecycle policy",
  severity: "medium",
  mirrors: [
    { tool: "checkov", id: "CKV_AWS_136" },
    { tool: "trivy", id: "AVD-AWS-0033" },
  ],
  resourceTypes: ["aws_ecr_repository_creation_template"],
  check({ attributes }) {
    const encryption = blocks(attributes, "encryption_configuration")[0]?.encryption_type;
    return verdict([
      !KMS_ENCRYPTION.has(encryption as string) &&
        `encryption_configuration.encryption_type is ${shown(encryption)}: set it to "KMS"`,
      !isSet(attributes.lifecycle_policy) &&
        "lifecycle_policy is unset: expire untagged images and old tags, or the cache grows forever",
    ]);
  },
};
