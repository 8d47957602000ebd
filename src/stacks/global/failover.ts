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

/** What an unhealthy origin means for traffic, for the alarm's reader. */
function consequence(role: RegionRole, failoverName: string): string {
  return role === "primary"
    ? `Route 53 now answers ${failoverName} with DR's origin while DR is healthy; writes also need Aurora failed over (runbook)`
    : `Nothing fails over to DR while this lasts: if primary fails too, Route 53 keeps answering ${failoverName} with primary`;
}

/**
 * Route 53's half of the failover: a health check of each region's origin with its alarm (Route 53
 * publishes health-check metrics in us-east-1 only, where this stack's topic is), and the failover
 * records of `origin.<apiHostname>` that CloudFront's default behaviour follows.
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
      consequence: consequence(role, originHostname(apiHostname)),
      topicArn: ctx.alarmTopic.topicArn,
    });
    return check;
  };
  const healthChecks = {
    primary: healthCheck("primary", "PrimaryHealthCheck"),
    dr: healthCheck("dr", "DrHealthCheck"),
  };
  const records = new OriginFailoverRecords(scope, "OriginFailover", {
    hostedZoneId,
    name: originHostname(apiHostname),
    primary: {
      originName: regionalOriginHostname("primary", apiHostname),
      healthCheckId: healthChecks.primary.healthCheckId,
    },
    secondary: { originName: regionalOriginHostname("dr", apiHostname), healthCheckId: healthChecks.dr.healthCheckId },
  });
  return { healthChecks, records };
}
