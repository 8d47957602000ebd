import { isSet, isTrue, shown } from "../attributes";
import { type PolicyRule, verdict } from "../rule";

/**
 * Aurora clusters hold the app's data: encrypted with a customer key, protected from deletion,
 * reached with IAM authentication, and never with a password that Terraform stores in its state.
 */
export const rdsClusterProtection: PolicyRule = {
  id: "TITAN-RDS-1",
  title:
    "Aurora clusters are encrypted with a customer key, deletion-protected, use IAM authentication and no stored master password",
  severity: "high",
  mirrors: [
    { tool: "checkov", id: "CKV_AWS_327" },
    { tool: "checkov", id: "CKV_AWS_139" },
    { tool: "checkov", id: "CKV_AWS_162" },
    { tool: "trivy", id: "AVD-AWS-0079" },
    { tool: "trivy", id: "AVD-AWS-0343" },
    { tool: "trivy", id: "AVD-AWS-0176" },
  ],
  resourceTypes: ["aws_rds_cluster"],
  check({ attributes }) {
    return verdict([
      !isTrue(attributes.storage_encrypted) &&
        `storage_encrypted is ${shown(attributes.storage_encrypted)}: set it to true`,
      !isSet(attributes.kms_key_id) && "kms_key_id is unset: set it to the region's customer key ARN",
      !isTrue(attributes.deletion_protection) &&
        `deletion_protection is ${shown(attributes.deletion_protection)}: set it to true`,
      !isTrue(attributes.iam_database_authentication_enabled) &&
        `iam_database_authentication_enabled is ${shown(attributes.iam_database_authentication_enabled)}: set it to true`,
      isSet(attributes.master_password) &&
        "master_password is set, so the password is kept in Terraform state: use master_password_wo with master_password_wo_version",
    ]);
  },
};
