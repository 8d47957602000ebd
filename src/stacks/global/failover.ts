import type { Construct } from "constructs";
import type { RegionRole } from "../../config";
import { OriginFailoverRecords } from "../../modules/edge/failover-records";
import { OriginHealthCheck } from "../../modules/edge/origin-health-check";
import { originHostname, regionalOriginHostname } from "../../modules/edge/origin-names";
import { healthCheckAlarm } from "../../modules/observability/health-check-alarm";
import type { GlobalContext } from "./context";

export interface GlobalFailover {
  readonly healthChecks: Readonly<Record<RegionRole, OriginHealthCheck>>;
  readonly records: OriginFailoverRecords;
}

/** The region that is not `role`. */
function otherRole(role: RegionRole): RegionRole {
  return role === "primary" ? "dr" : "primary";
}

/** What an unhealthy origin means for traffic, for the alarm's reader. */
function consequence(role: RegionRole, active: RegionRole, failoverName: string): string {
  const other = otherRole(role);
  return role === active
    ? `Route 53 now answers ${failoverName} with ${other}'s origin while it is healthy; writes also need Aurora failed over there (npm run failover)`
    : `Nothing fails over to ${role} while this lasts: if ${other} fails too, Route 53 keeps answering ${failoverName} with ${other}`;
}

/**
 * Route 53's half of the failover: a health check of each region's origin with its alarm (Route 53
 * publishes health-check metrics in us-east-1 only, where this stack's topic is), and the failover
 * records of `origin.<apiHostname>` that CloudFront's default behaviour follows.
 *
 * The PRIMARY record answers with the region holding the writer (`dr.activeRole`), read from config
 * like everything here, so this stack stays free of us-east-2. Why: Route 53 sends traffic back to
 * a recovered us-east-2 as soon as its check passes, while the writer may still be in us-west-1;
 * with the failover's flip applied, traffic stays with the writer and failing back is a decision
 * (`npm run failover -- failback`), not a side effect of a health check.
 */
export function buildFailover(scope: Construct, ctx: GlobalContext): GlobalFailover {
  const { config, namer } = ctx;
  const { apiHostname, hostedZoneId } = config.domain;
  const healthCheck = (role: RegionRole, id: string): OriginHealthCheck => {
    const check = new OriginHealthCheck(scope, id, {
      namer,
      component: `${role}-origin`,
      fqdn: regionalOriginHostname(role, apiHostname),
      resourcePath: config.app.healthCheckPath,
      ...config.edge.healthCheck,
    });
    healthCheckAlarm(scope, `${id}Alarm`, {
      namer,
      component: `${role}-origin-unhealthy`,
      metric: check.statusMetric(),
      originDescription: `${role}'s origin (${regionalOriginHostname(role, apiHostname)})`,
      consequence: consequence(role, config.dr.activeRole, originHostname(apiHostname)),
      topicArn: ctx.alarmTopic.topicArn,
    });
    return check;
  };
  const healthChecks = {
    primary: healthCheck("primary", "PrimaryHealthCheck"),
    dr: healthCheck("dr", "DrHealthCheck"),
  };
  const target = (role: RegionRole) => ({
    originName: regionalOriginHostname(role, apiHostname),
    healthCheckId: healthChecks[role].healthCheckId,
  });
  const active = config.dr.activeRole;
  const records = new OriginFailoverRecords(scope, "OriginFailover", {
    hostedZoneId,
    name: originHostname(apiHostname),
    primary: target(active),
    secondary: target(otherRole(active)),
  });
  return { healthChecks, records };
}
