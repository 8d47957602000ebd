import type { Construct } from "constructs";
import { regionState } from "../../config";
import { DnsValidatedCertificate } from "../../modules/dns/validated-certificate";
import { EDGE_REGION } from "../../modules/edge/limits";
import { originHostname, regionalOriginHostname } from "../../modules/edge/origin-names";
import { OriginVerifySecret } from "../../modules/edge/origin-verify-secret";
import { OriginVerifyValue } from "../../modules/edge/origin-verify-value";
import { RegionalOriginRecord } from "../../modules/edge/regional-origin-record";
import { ApplicationLoadBalancer } from "../../modules/web/load-balancer";
import { Ec2WebTier } from "../../modules/web/web-tier";
import { buildFromConfig } from "../from-config";
import type { RegionContext, RegionParts } from "./context";
import { databaseHostname } from "./data-tier";

export interface RegionalWeb {
  readonly certificate: DnsValidatedCertificate;
  readonly alb: ApplicationLoadBalancer;
  /** `<role>.origin.<apiHostname>` -> the ALB: what the global stack's records and origins name. */
  readonly originRecord: RegionalOriginRecord;
  /** The origin-verify secret: primary creates it and replicates it to DR and us-east-1. */
  readonly originVerifySecret?: OriginVerifySecret;
  readonly webTier?: Ec2WebTier;
}

/**
 * The region's ALB with its certificate, its own origin name and the origin-verify header it
 * requires, and, when `web.runtime` is "ec2" (seed 000), the EC2 web tier behind it. With "eks"
 * (seed 003) the ALB forwards to an `ip` target group that the AWS Load Balancer Controller fills
 * with pods (TargetGroupBinding, in the k8s stack).
 *
 * One owner per validation record: ACM gives both regions the same validation CNAME for the shared
 * name `origin.<apiHostname>`. Primary, applied first, owns it; DR's certificate waits for the same
 * record by name. Each region owns the record of its own name.
 */
export function buildWeb(
  scope: Construct,
  ctx: RegionContext,
  parts: Pick<RegionParts, "foundation" | "dataTier" | "storage" | "appLogs">,
): RegionalWeb {
  const { config, role, namer } = ctx;
  const { network, securityGroups: groups } = parts.foundation;
  const { dataTier } = parts;
  const albLogs = parts.storage.albLogs;
  const dbUser = config.database.appUsername;
  const { apiHostname, hostedZoneId } = config.domain;
  const origin = originHostname(apiHostname);
  const ownName = regionalOriginHostname(role, apiHostname);
  const certificate = buildFromConfig(
    DnsValidatedCertificate,
    scope,
    "OriginCertificate",
    {
      namer,
      component: "origin",
      hostedZoneId,
      domainName: origin,
      // The region-specific name lets Route 53 health-check each region's ALB over HTTPS, and
      // CloudFront's origin group reach each region by name.
      subjectAlternativeNames: [ownName],
      validationRecordsOwnedElsewhere: role === "primary" ? [] : [origin],
    },
    {
      domainName: "domain.apiHostname",
      subjectAlternativeNames: "domain.apiHostname",
      hostedZoneId: "domain.hostedZoneId",
    },
  );
  const originVerifySecret =
    role === "primary"
      ? buildFromConfig(
          OriginVerifySecret,
          scope,
          "OriginVerifySecret",
          {
            namer,
            kmsKeyArn: ctx.key.arn,
            replicaRegions: [...new Set([config.regions.dr.region, EDGE_REGION])].filter(
              (region) => region !== ctx.region.region,
            ),
            generation: config.edge.originVerify.generation,
          },
          { generation: "edge.originVerify.generation" },
        )
      : undefined;
  const originVerify = new OriginVerifyValue(scope, "OriginVerify", {
    secretName: OriginVerifySecret.secretName(namer.forScope("primary")),
    versionId: originVerifySecret?.version.versionId,
  });
  const alb = buildFromConfig(
    ApplicationLoadBalancer,
    scope,
    "Alb",
    {
      namer,
      vpcId: network.vpcId,
      publicSubnetIds: network.publicSubnetIds,
      securityGroupIds: groups.albIds,
      certificateArn: certificate.certificateArn,
      accessLogBucketName: albLogs.bucket.bucket,
      accessLogPrefix: albLogs.logPrefix,
      appPort: config.app.port,
      healthCheckPath: config.app.healthCheckPath,
      originVerify: { name: config.edge.originVerify.headerName, acceptedValues: originVerify.acceptedValues },
      runtime: config.web.runtime,
      internetGatewayDependency: network.internetGateway,
      accessLogPolicyDependency: albLogs.policy,
    },
    {
      appPort: "app.port",
      healthCheckPath: "app.healthCheckPath",
      originVerify: "edge.originVerify.headerName",
      runtime: "web.runtime",
    },
  );
  const originRecord = new RegionalOriginRecord(scope, "OriginRecord", {
    hostedZoneId,
    name: ownName,
    loadBalancerDnsName: alb.dnsName,
    loadBalancerZoneId: alb.zoneId,
  });
  if (config.web.runtime !== "ec2" || alb.instanceTargetGroup === undefined) {
    return { certificate, alb, originRecord, originVerifySecret };
  }
  const state = regionState(config, role);
  const webTier = buildFromConfig(
    Ec2WebTier,
    scope,
    "WebTier",
    {
      namer,
      region: ctx.region.region,
      amiId: ctx.region.webAmiId,
      instanceType: config.web.instanceType,
      // The live region runs the active count, the other its warm standby (dr.activeRole).
      desiredCapacity: config.web.instances[state],
      privateSubnetIds: network.privateSubnetIds,
      securityGroupId: groups.appId,
      targetGroupArn: alb.instanceTargetGroup.arn,
      kmsKeyArn: ctx.key.arn,
      appPort: config.app.port,
      appName: config.app.name,
      dbHost: databaseHostname(config.domain.internalZoneName),
      dbName: config.database.databaseName,
      dbUser,
      // The Redis endpoint itself, not a private-zone alias: TLS verifies the host name against
      // ElastiCache's certificate.
      cacheHost: dataTier.redis.primaryEndpoint,
      cacheUserId: dataTier.redisAccess.appUserId,
      cacheReplicationGroupId: dataTier.redis.replicationGroupId,
      logGroupName: parts.appLogs.logGroupName,
    },
    {
      amiId: `regions.${role}.webAmiId`,
      instanceType: "web.instanceType",
      desiredCapacity: `web.instances.${state}`,
      appPort: "app.port",
      appName: "app.name",
    },
  );
  // The instances sign IAM tokens as the app's users: no password or secret on them.
  dataTier.aurora.grantConnect(webTier, dbUser);
  dataTier.redis.grantConnect(webTier, dataTier.redisAccess.appUserArn);
  return { certificate, alb, originRecord, originVerifySecret, webTier };
}
