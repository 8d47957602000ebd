import { resolveConfig } from "../../src/config";
import { problemsOf } from "../support/config-problems";

describe("config: what runs in the clusters", () => {
  it("defaults to 2 load balancer controllers in both regions and a DR app that may grow as far as primary's", () => {
    const config = resolveConfig();
    expect(config.kubernetes.platform.loadBalancerController.replicas).toEqual({ primary: 2, dr: 2 });
    expect(config.app.scaling.replicas.dr.maxReplicas).toBeGreaterThanOrEqual(
      config.app.scaling.replicas.primary.maxReplicas,
    );
    expect(config.database.appUsername).toBe("birthday_app");
  });

  test.each([
    [
      { app: { scaling: { replicas: { dr: { minReplicas: 1, maxReplicas: 4 } } } } },
      "app.scaling.replicas.dr.maxReplicas: 4 is below primary's 12; after a failover DR serves primary's load, so its HPA maximum must be at least as high",
    ],
    [
      { app: { scaling: { replicas: { primary: { minReplicas: 5, maxReplicas: 3 } } } } },
      "app.scaling.replicas.primary.minReplicas: minReplicas 5 is above maxReplicas 3",
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
      'kubernetes.platform.clusterAutoscaler.imageTag: must be a cluster-autoscaler release tag such as v1.32.1 (received "latest")',
    ],
  ])("rejects %j", (overrides, problem) => {
    expect(problemsOf(overrides)).toContain(problem);
  });
});
