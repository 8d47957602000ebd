import { isSet } from "../attributes";
import { type PolicyRule, verdict } from "../rule";

/** Alarm notifications name resources and thresholds: encrypt them at rest. */
export const snsTopicEncryption: PolicyRule = {
  id: "TITAN-SNS-1",
  title: "SNS topics are encrypted with a KMS key",
  severity: "medium",
  mirrors: [
    { tool: "checkov", id: "CKV_AWS_26" },
    { tool: "trivy", id: "AVD-AWS-0095" },
  ],
  resourceTypes: ["aws_sns_topic"],
  check({ attributes }) {
    return verdict([
      !isSet(attributes.kms_master_key_id) &&
        "kms_master_key_id is unset: set it to the region's customer key ARN (its policy must let the publishing services use it)",
    ]);
  },
};
