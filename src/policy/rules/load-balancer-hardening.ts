import { block, isTrue, shown } from "../attributes";
import { notApplicable, type PolicyRule, verdict } from "../rule";

/**
 * An application load balancer drops malformed headers (request smuggling) and writes access
 * logs, the record of who called the API. Both settings exist only on application load balancers.
 */
export const loadBalancerHardening: PolicyRule = {
  id: "TITAN-ELB-1",
  title: "Application load balancers drop invalid header fields and write access logs",
  severity: "medium",
  mirrors: [
    { tool: "checkov", id: "CKV_AWS_131" },
    { tool: "checkov", id: "CKV_AWS_91" },
    { tool: "trivy", id: "AVD-AWS-0052" },
  ],
  resourceTypes: ["aws_lb"],
  check({ attributes }) {
    const type = attributes.load_balancer_type ?? "application";
    if (type !== "application") {
      return notApplicable(`a ${String(type)} load balancer has no HTTP header handling`);
    }
    const logs = block(attributes, "access_logs")?.enabled;
    return verdict([
      !isTrue(attributes.drop_invalid_header_fields) &&
        `drop_invalid_header_fields is ${shown(attributes.drop_invalid_header_fields)}: set it to true`,
      !isTrue(logs) && `access_logs.enabled is ${shown(logs)}: enable access logs to the region's ALB log bucket`,
    ]);
  },
};
