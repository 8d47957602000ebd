import { cacheNodeMetrics } from "../../src/modules/cache/redis";
import { AURORA_INSTANCE_ROLES, auroraMetric } from "../../src/modules/database/aurora-cluster";
import type { CacheMetricSource } from "../../src/modules/observability/cache-alarms";
import type { DatabaseMetricSource } from "../../src/modules/observability/database-alarms";
import type { LoadBalancerMetricSource } from "../../src/modules/observability/load-balancer-alarms";
import { loadBalancerMetric } from "../../src/modules/web/load-balancer";

/**
 * The resources' metric methods for resources known only by their identifiers, so alarm and
 * dashboard specs read literal dimensions; the metrics themselves come from the resources' code.
 */
export function databaseMetrics(clusterIdentifier: string): DatabaseMetricSource {
  return {
    clusterIdentifier,
    metric: (metricName, options) => auroraMetric(clusterIdentifier, metricName, options),
    metricByRole: (metricName, stat) =>
      AURORA_INSTANCE_ROLES.map((role) => auroraMetric(clusterIdentifier, metricName, { stat, role })),
  };
}

export function cacheMetrics(replicationGroupId: string, memberClusterIds: readonly string[]): CacheMetricSource {
  return {
    replicationGroupId,
    memberClusterIds,
    metricPerNode: (metricName, stat) => cacheNodeMetrics(memberClusterIds, metricName, stat),
  };
}

export function loadBalancerMetrics(loadBalancer: string, targetGroup: string): LoadBalancerMetricSource {
  return {
    metric: (metricName, stat) => loadBalancerMetric({ loadBalancer }, metricName, stat),
    targetMetric: (metricName, stat) => loadBalancerMetric({ loadBalancer, targetGroup }, metricName, stat),
  };
}
