import type { Construct } from "constructs";
import type { Network } from "../../modules/network/network";
import type { TierSecurityGroups } from "../../modules/security/security-groups";
import type { AlbAccessLogBucket } from "../../modules/storage/log-buckets";
import { ApplicationLoadBalancer } from "../../modules/web/load-balancer";
import { OriginCertificate } from "../../modules/web/origin-certificate";
import { Ec2WebTier } from "../../modules/web/web-tier";
import type { RegionContext } from "./context";
import type { DataTier } from "./data-tier";

export interface RegionalWeb {
  readonly certificate: OriginCertificate;
  readonly alb: ApplicationLoadBalancer;
  readonly webTier?: Ec2WebTier;
}

export interface WebInputs {
  readonly network: Network;
  readonly groups: TierSecurityGroups;
  readonly albLogs: AlbAccessLogBucket;
  readonly dataTier: DataTier;
  readonly dbHost: string;
  readonly dbName: string;
  readonly dbUser: string;
  readonly dbConnectArn: string;
  readonly appLogGroupName: string;
}

/** The name CloudFront uses for the failover origin, served by both regions' ALBs. */
export function originHostname(apiHostname: string): string {
  return `origin.${apiHostname}`;
}

/**
 * The region's ALB with its certificate, and, when `web.runtime` is "ec2" (seed 000), the EC2
 * web tier behind it. With "eks" (seed 003) the ALB forwards to an `ip` target group that the AWS
 * Load Balancer Controller fills with pods (TargetGroupBinding, in the k8s stack).
 */
export function buildWeb(scope: Construct, ctx: RegionContext, inputs: WebInputs): RegionalWeb {
  const { config, role, namer } = ctx;
  const origin = originHostname(config.domain.apiHostname);
  const certificate = new OriginCertificate(scope, "OriginCertificate", {
    namer,
    hostedZoneId: config.domain.hostedZoneId,
    domainName: origin,
    // The region-specific name lets Route 53 health-check each region's ALB over HTTPS.
    subjectAlternativeNames: [`${role}.${origin}`],
  });
  const alb = new ApplicationLoadBalancer(scope, "Alb", {
    namer,
    vpcId: inputs.network.vpcId,
    publicSubnetIds: inputs.network.publicSubnetIds,
    securityGroupId: inputs.groups.albId,
    certificateArn: certificate.certificateArn,
    accessLogBucketName: inputs.albLogs.bucket.bucket,
    accessLogPrefix: inputs.albLogs.logPrefix,
    appPort: config.app.port,
    healthCheckPath: config.app.healthCheckPath,
    runtime: config.web.runtime,
    internetGatewayDependency: inputs.network.internetGateway,
    accessLogPolicyDependency: inputs.albLogs.policy,
  });
  if (config.web.runtime !== "ec2" || alb.instanceTargetGroup === undefined) {
    return { certificate, alb };
  }
  const webTier = new Ec2WebTier(scope, "WebTier", {
    namer,
    region: ctx.region.region,
    accountId: ctx.accountId,
    amiId: ctx.region.webAmiId,
    instanceType: config.web.instanceType,
    desiredCapacity: config.web.instances[role],
    privateSubnetIds: inputs.network.privateSubnetIds,
    securityGroupId: inputs.groups.appId,
    targetGroupArn: alb.instanceTargetGroup.arn,
    kmsKeyArn: ctx.key.arn,
    appPort: config.app.port,
    appName: config.app.name,
    dbHost: inputs.dbHost,
    dbName: inputs.dbName,
    dbUser: inputs.dbUser,
    dbConnectArn: inputs.dbConnectArn,
    // The Redis endpoint itself, not a private-zone alias: TLS verifies the host name against
    // ElastiCache's certificate.
    cacheHost: inputs.dataTier.redis.primaryEndpoint,
    cacheUserId: inputs.dataTier.redisAccess.appUserId,
    cacheReplicationGroupId: inputs.dataTier.redis.replicationGroupId,
    logGroupName: inputs.appLogGroupName,
  });
  return { certificate, alb, webTier };
}
