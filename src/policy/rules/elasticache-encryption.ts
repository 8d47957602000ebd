import { isSet, isTrue, shown } from "../attributes";
import { notApplicable, type PolicyRule, verdict } from "../rule";

const INHERITED = ["transit_encryption_enabled", "at_rest_encryption_enabled", "auth_token"];

/**
 * Redis traffic and snapshots are encrypted, and clients authenticate with IAM through RBAC
 * rather than a shared AUTH token that Terraform stores in its state.
 */
export const elasticacheEncryption: PolicyRule = {
  id: "TITAN-REDIS-1",
  title: "ElastiCache replication groups encrypt in transit and at rest and use no AUTH token",
  severity: "high",
  mirrors: [
    { tool: "checkov", id: "CKV_AWS_29" },
    { tool: "checkov", id: "CKV_AWS_30" },
    { tool: "trivy", id: "AVD-AWS-0045" },
    { tool: "trivy", id: "AVD-AWS-0051" },
  ],
  resourceTypes: ["aws_elasticache_replication_group"],
  check({ attributes }) {
    if (isSet(attributes.global_replication_group_id) && INHERITED.every((key) => !isSet(attributes[key]))) {
      return notApplicable("a Global Datastore secondary inherits its encryption and authentication from the primary");
    }
    return verdict([
      !isTrue(attributes.transit_encryption_enabled) &&
        `transit_encryption_enabled is ${shown(attributes.transit_encryption_enabled)}: set it to true`,
      !isTrue(attributes.at_rest_encryption_enabled) &&
        `at_rest_encryption_enabled is ${shown(attributes.at_rest_encryption_enabled)}: set it to "true" (with kms_key_id for the customer key)`,
      isSet(attributes.auth_token) &&
        "auth_token is set, so the token is kept in Terraform state: authenticate with RBAC user groups (IAM) instead",
    ]);
  },
};
