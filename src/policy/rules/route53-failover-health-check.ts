import { block, isSet, isTrue } from "../attributes";
import { notApplicable, type PolicyRule, verdict } from "../rule";

/**
 * A failover record without a health check never fails over: Route 53 considers it healthy
 * forever. Each side has its own check, and an alias also evaluates its target's health, so a
 * region whose load balancer has no healthy target is not answered either.
 */
export const route53FailoverHealthCheck: PolicyRule = {
  id: "TITAN-R53-1",
  title: "Route 53 failover records each have a health check, and failover aliases evaluate target health",
  severity: "high",
  mirrors: {
    none: "checkov, trivy and prowler judge Route 53 zones (DNSSEC, query logging, domain locks), not how failover records are wired to health checks",
  },
  resourceTypes: ["aws_route53_record"],
  check({ attributes }) {
    const failover = block(attributes, "failover_routing_policy");
    if (failover === undefined) {
      return notApplicable("not a failover record");
    }
    const alias = block(attributes, "alias");
    return verdict([
      !isSet(attributes.health_check_id) &&
        `the ${String(failover.type)} record has no health_check_id: give it the health check of the origin it answers with`,
      alias !== undefined &&
        !isTrue(alias.evaluate_target_health) &&
        "alias.evaluate_target_health is not true: set it so an origin without a healthy target is not answered",
    ]);
  },
};
