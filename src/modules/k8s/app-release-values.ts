import type { AppScalingConfig } from "../../config/sections/cluster-platform";
import { APP_DATABASE_SSL_MODE, POSTGRES_PORT } from "../database/app-connection";
import { otlpEndpoint } from "./platform-names";

/**
 * The values of the app's chart (`helm-chart/`) as titan passes them, typed. `helm-chart/
 * values.schema.json` checks the same shape at every `helm lint`, `template` and `upgrade`.
 */
export interface AppChartValues {
  readonly image: { readonly repository: string; readonly tag: string; readonly pullPolicy: "IfNotPresent" };
  readonly serviceAccount: { readonly name: string };
  readonly containerPort: number;
  readonly healthCheckPath: string;
  readonly autoscaling: {
    readonly minReplicas: number;
    readonly maxReplicas: number;
    readonly targetCPUUtilizationPercentage: number;
  };
  readonly podDisruptionBudget: { readonly maxUnavailable: number };
  readonly resources: {
    readonly requests: { readonly cpu: string; readonly memory: string };
    readonly limits: { readonly cpu: string; readonly memory: string };
  };
  readonly runAsUser: number;
  readonly targetGroupBinding: { readonly targetGroupARN: string };
  readonly app: {
    readonly region: string;
    readonly database: {
      readonly host: string;
      readonly port: number;
      readonly name: string;
      readonly user: string;
      /** Resolve `host` at each connect; connect to and sign IAM tokens for its target (AppDatabaseConnection). */
      readonly hostIsCname: true;
      readonly sslMode: typeof APP_DATABASE_SSL_MODE;
    };
    readonly cache: {
      readonly host: string;
      readonly port: number;
      readonly user: string;
      readonly replicationGroupId: string;
    };
    readonly tracing: { readonly otlpEndpoint: string };
  };
}

/** The values the pipeline adds per release: everything else is the region's. */
export type AppReleaseValues = Omit<AppChartValues, "image"> & {
  readonly image: Omit<AppChartValues["image"], "tag">;
};

export interface AppReleaseValuesInput {
  readonly region: string;
  readonly scaling: AppScalingConfig;
  readonly replicas: { readonly minReplicas: number; readonly maxReplicas: number };
  readonly imageRepositoryUrl: string;
  readonly serviceAccountName: string;
  readonly containerPort: number;
  readonly healthCheckPath: string;
  readonly targetGroupArn: string;
  readonly dbHost: string;
  readonly dbName: string;
  readonly dbUser: string;
  readonly cacheHost: string;
  readonly cacheUser: string;
  readonly cacheReplicationGroupId: string;
}

/**
 * The region's values for the app's release, which its deploy project carries (as
 * `HELM_VALUES_JSON`) so a deploy, break-glass ones included, needs only an image tag and a chart
 * version. Values AWS generates (target group ARN, Redis endpoint) are this region's own.
 * Secrets have no place here: the app authenticates to Aurora and Redis with IAM.
 */
export function appReleaseValues(input: AppReleaseValuesInput): AppReleaseValues {
  const { scaling } = input;
  return {
    image: { repository: input.imageRepositoryUrl, pullPolicy: "IfNotPresent" },
    serviceAccount: { name: input.serviceAccountName },
    containerPort: input.containerPort,
    healthCheckPath: input.healthCheckPath,
    autoscaling: {
      minReplicas: input.replicas.minReplicas,
      maxReplicas: input.replicas.maxReplicas,
      targetCPUUtilizationPercentage: scaling.targetCpuPercent,
    },
    podDisruptionBudget: { maxUnavailable: 1 },
    resources: {
      requests: { cpu: `${scaling.cpuRequestMillicores}m`, memory: `${scaling.memoryRequestMib}Mi` },
      limits: { cpu: `${scaling.cpuLimitMillicores}m`, memory: `${scaling.memoryLimitMib}Mi` },
    },
    runAsUser: 10001,
    targetGroupBinding: { targetGroupARN: input.targetGroupArn },
    app: {
      region: input.region,
      database: {
        host: input.dbHost,
        port: POSTGRES_PORT,
        name: input.dbName,
        user: input.dbUser,
        hostIsCname: true,
        sslMode: APP_DATABASE_SSL_MODE,
      },
      cache: {
        host: input.cacheHost,
        port: 6379,
        user: input.cacheUser,
        replicationGroupId: input.cacheReplicationGroupId,
      },
      tracing: { otlpEndpoint: otlpEndpoint() },
    },
  };
}
