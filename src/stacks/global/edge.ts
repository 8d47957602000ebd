import type { Construct } from "constructs";
import { DnsValidatedCertificate } from "../../modules/dns/validated-certificate";
import { EdgeDistribution } from "../../modules/edge/distribution";
import { originHostname, regionalOriginHostname } from "../../modules/edge/origin-names";
import { OriginVerifySecret } from "../../modules/edge/origin-verify-secret";
import { OriginVerifyValue } from "../../modules/edge/origin-verify-value";
import { SecurityHeadersPolicy } from "../../modules/edge/security-headers";
import { ShieldAdvanced } from "../../modules/edge/shield";
import { ViewerRecords } from "../../modules/edge/viewer-records";
import { EdgeWebAcl } from "../../modules/edge/web-acl";
import { CloudFrontLogBucket } from "../../modules/storage/log-buckets";
import type { GlobalContext } from "./context";

export interface GlobalEdge {
  readonly certificate: DnsValidatedCertificate;
  readonly webAcl: EdgeWebAcl;
  readonly logBucket: CloudFrontLogBucket;
  readonly distribution: EdgeDistribution;
  readonly viewerRecords: ViewerRecords;
  readonly shield?: ShieldAdvanced;
}

/**
 * CloudFront's half: the viewer certificate, the web ACL, the access-log bucket, the distribution
 * with its security headers, the API's A and AAAA records, and Shield Advanced when configured.
 * The origin-verify value comes from the secret's us-east-1 replica, which primary wrote: this
 * stack reads nothing in us-east-2.
 */
export function buildEdge(scope: Construct, ctx: GlobalContext): GlobalEdge {
  const { config, namer } = ctx;
  const { apiHostname, hostedZoneId } = config.domain;
  const { cloudFront } = config.edge;
  const certificate = new DnsValidatedCertificate(scope, "Certificate", {
    namer,
    component: "api",
    hostedZoneId,
    domainName: apiHostname,
  });
  const webAcl = new EdgeWebAcl(scope, "WebAcl", {
    namer,
    ...config.edge.waf,
    kmsKeyArn: ctx.key.arn,
    logRetentionDays: config.observability.logRetentionDays,
  });
  const logBucket = new CloudFrontLogBucket(scope, "AccessLogs", {
    namer,
    expireAfterDays: config.observability.logRetentionDays,
  });
  const headers = new SecurityHeadersPolicy(scope, "SecurityHeaders", { namer });
  const originVerify = new OriginVerifyValue(scope, "OriginVerify", {
    secretName: OriginVerifySecret.secretName(namer.forScope("primary")),
  });
  const distribution = new EdgeDistribution(scope, "Distribution", {
    namer,
    apiHostname,
    certificateArn: certificate.certificateArn,
    webAclArn: webAcl.arn,
    priceClass: cloudFront.priceClass,
    logBucketDomainName: logBucket.domainName,
    logBucketReady: logBucket.aclsReady,
    failoverOriginName: originHostname(apiHostname),
    primaryOriginName: regionalOriginHostname("primary", apiHostname),
    drOriginName: regionalOriginHostname("dr", apiHostname),
    originVerifyHeaderName: config.edge.originVerify.headerName,
    originVerifyValue: originVerify.current,
    cachedPaths: cloudFront.cachedPaths,
    originKeepAliveSeconds: cloudFront.originKeepAliveSeconds,
    originResponseTimeoutSeconds: cloudFront.originResponseTimeoutSeconds,
    originConnectionTimeoutSeconds: cloudFront.originConnectionTimeoutSeconds,
    originConnectionAttempts: cloudFront.originConnectionAttempts,
    failoverConnectionTimeoutSeconds: cloudFront.failoverConnectionTimeoutSeconds,
    failoverResponseTimeoutSeconds: cloudFront.failoverResponseTimeoutSeconds,
    responseHeadersPolicyId: headers.policyId,
  });
  const viewerRecords = new ViewerRecords(scope, "ViewerRecords", {
    hostedZoneId,
    name: apiHostname,
    distributionDomainName: distribution.domainName,
    distributionZoneId: distribution.hostedZoneId,
  });
  const shield = config.edge.shieldAdvanced
    ? new ShieldAdvanced(scope, "ShieldAdvanced", { namer, distributionArn: distribution.arn })
    : undefined;
  return { certificate, webAcl, logBucket, distribution, viewerRecords, shield };
}
