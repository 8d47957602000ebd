import { isTrue, shown } from "../attributes";
import { notApplicable, type PolicyRule, verdict } from "../rule";

/** Only symmetric encryption keys can rotate: asymmetric and HMAC keys are out of scope. */
export const kmsKeyRotation: PolicyRule = {
  id: "TITAN-KMS-1",
  title: "Symmetric KMS keys rotate automatically",
  severity: "medium",
  mirrors: [
    { tool: "checkov", id: "CKV_AWS_7" },
    { tool: "trivy", id: "AVD-AWS-0065" },
  ],
  resourceTypes: ["aws_kms_key"],
  check({ attributes }) {
    const spec = attributes.customer_master_key_spec;
    if (spec !== undefined && spec !== "SYMMETRIC_DEFAULT") {
      return notApplicable(`KMS cannot rotate a ${String(spec)} key`);
    }
    return verdict([
      !isTrue(attributes.enable_key_rotation) &&
        `enable_key_rotation is ${shown(attributes.enable_key_rotation)}: set it to true`,
    ]);
  },
};
