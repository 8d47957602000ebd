import { isExpression, isSet, shown } from "../attributes";
import { type PolicyRule, verdict } from "../rule";

/** Logs carry request data and secrets by accident: encrypt them and do not keep them forever. */
export const logGroupEncryption: PolicyRule = {
  id: "TITAN-LOGS-1",
  title: "CloudWatch log groups are encrypted with a customer key and have a finite retention",
  severity: "medium",
  mirrors: [
    { tool: "checkov", id: "CKV_AWS_158" },
    { tool: "checkov", id: "CKV_AWS_66" },
    { tool: "trivy", id: "AVD-AWS-0017" },
  ],
  resourceTypes: ["aws_cloudwatch_log_group"],
  check({ attributes }) {
    const retention = attributes.retention_in_days;
    const finite = isExpression(retention) || (typeof retention === "number" && retention > 0);
    return verdict([
      !isSet(attributes.kms_key_id) && "kms_key_id is unset: set it to the region's customer key ARN",
      !finite &&
        `retention_in_days is ${shown(retention)}, which keeps logs forever: set a number of days CloudWatch accepts (e.g. 90)`,
    ]);
  },
};
