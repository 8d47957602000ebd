import { resolveConfig } from "../../src/config";
import { problemsOf } from "../support/config-problems";

describe("config: what runs in the clusters", () => {
  it("defaults to 2 load balancer controllers in both regions and a standby app that may grow as far as the active one", () => {
    const config = resolveConfig();
    expect(config.kubernetes.platform.loadBalancerController.replicas).toEqual({ active: 2, standby: 2 });
    expect(config.app.scaling.replicas.standby.maxReplicas).toBeGreaterThanOrEqual(
      config.app.scaling.replicas.active.maxReplicas,
    );
    expect(config.database.appUsername).toBe("birthday_app");
  });

  test.each([
    [
      { app: { scaling: { replicas: { standby: { minReplicas: 1, maxReplicas: 4 } } } } },
      "app.scaling.replicas.standby.maxReplicas: 4 is below the active region's 12; a failover sends the standby the whole load before dr.activeRole flips, so its HPA maximum must be at least as high",
    ],
    [
      { app: { scaling: { replicas: { active: { minReplicas: 5, maxReplicas: 3 } } } } },
      "app.scaling.replicas.active.minReplicas: minReplicas 5 is above maxReplicas 3",
    ],
    [
      { app: { scaling: { replicas: { dr: { minReplicas: 1, maxReplicas: 4 } } } } },
      'app.scaling.replicas.dr: "dr" was renamed: replicas follow dr.activeRole like node groups do, so give "active" (the live region) and "standby" instead of "primary" and "dr"',
    ],
    [
      { kubernetes: { platform: { tracing: { replicas: { primary: 3 } } } } },
      'kubernetes.platform.tracing.replicas.primary: "primary" was renamed: replicas follow dr.activeRole like node groups do, so give "active" (the live region) and "standby" instead of "primary" and "dr"',
    ],
    [
      { kubernetes: { platform: { clusterAutoscaler: { imageTag: "v1.30.4" } } } },
      'kubernetes.platform.clusterAutoscaler.imageTag: "v1.30.4" does not match kubernetes.version 1.35; use v1.35.<patch>',
    ],
    [
      { app: { scaling: { cpuLimitMillicores: 100 } } },
      "app.scaling.cpuLimitMillicores: 100m is below the request 250m; a limit must be at least the request",
    ],
    [
      { kubernetes: { platform: { prometheus: { retentionDays: 30, storageGib: { dr: 20 } } } } },
      "kubernetes.platform.prometheus.storageGib.dr: 20 GiB is less than 1 GiB per retained day (30); raise it or lower prometheus.retentionDays",
    ],
    [
      { database: { appUsername: "birthday_admin" } },
      'database.appUsername: "birthday_admin" is the master user; the app needs its own IAM-authenticated role, e.g. birthday_app',
    ],
    [
      { database: { appUsername: "rdsadmin" } },
      'database.appUsername: "rdsadmin" is reserved by PostgreSQL or RDS (admin, rdsadmin, rdsrepladmin, rds_superuser, postgres_fdw, public, pg_*, rds*); choose another, e.g. birthday_app',
    ],
    [
      { kubernetes: { platform: { clusterAutoscaler: { imageTag: "latest" } } } },
      'kubernetes.platform.clusterAutoscaler.imageTag: must be a cluster-autoscaler release tag such as v1.35.0 (received "latest")',
    ],
  ])("rejects %j", (overrides, problem) => {
    expect(problemsOf(overrides)).toEqual([problem]);
  });
});
