import { type RegionRole, regionState } from "../../src/config";
import { type AppReleaseValues, appReleaseValues } from "../../src/modules/k8s/app-release-values";
import { testConfig } from "./synth";

/** A region's release values as a test builds them: the defaults, with plausible generated values. */
export function sampleReleaseValues(role: RegionRole = "dr", overrides: object = {}): AppReleaseValues {
  const config = testConfig(overrides);
  const region = config.regions[role].region;
  return appReleaseValues({
    region,
    scaling: config.app.scaling,
    replicas: config.app.scaling.replicas[regionState(config, role)],
    imageRepositoryUrl: `111122223333.dkr.ecr.${region}.amazonaws.com/birthday-app`,
    serviceAccountName: "birthday-app",
    containerPort: config.app.port,
    healthCheckPath: config.app.healthCheckPath,
    targetGroupArn: `arn:aws:elasticloadbalancing:${region}:111122223333:targetgroup/titan-${role}-app-pods/0123456789abcdef`,
    dbHost: "db.titan.internal",
    dbName: config.database.databaseName,
    dbUser: config.database.appUsername,
    cacheHost: `master.titan-${role}-redis.abcdef.${region === "us-east-2" ? "use2" : "usw1"}.cache.amazonaws.com`,
    cacheUser: `titan-${role}-redis-app`,
    cacheReplicationGroupId: `titan-${role}-redis`,
  });
}
