import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { DnsValidatedCertificate } from "../../../src/modules/dns/validated-certificate";
import { EdgeDistribution } from "../../../src/modules/edge/distribution";
import { OriginFailoverRecords } from "../../../src/modules/edge/failover-records";
import { OriginHealthCheck } from "../../../src/modules/edge/origin-health-check";
import { OriginVerifyValue } from "../../../src/modules/edge/origin-verify-value";
import { SecurityHeadersPolicy } from "../../../src/modules/edge/security-headers";
import { ShieldAdvanced } from "../../../src/modules/edge/shield";
import { ViewerRecords } from "../../../src/modules/edge/viewer-records";
import { EdgeWebAcl } from "../../../src/modules/edge/web-acl";
import { AlarmTopic } from "../../../src/modules/observability/alarm-topic";
import { healthCheckAlarm } from "../../../src/modules/observability/health-check-alarm";
import { RegionalKey } from "../../../src/modules/security/kms-key";
import { CloudFrontLogBucket } from "../../../src/modules/storage/log-buckets";
import { Namer } from "../../../src/naming";
import { DISTRIBUTION_ORIGINS } from "./synth";

/** The edge's constructs with every option on. */
export function edgeStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "edge");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const namer = new Namer("titan", "global");
  const accountId = "111122223333";
  const zone = "Z0123456789EXAMPLE0";
  const key = new RegionalKey(stack, "Key", {
    aliasName: "titan-global-edge",
    description: "edge",
    region: "us-east-1",
    accountId,
  });
  const topic = new AlarmTopic(stack, "AlarmTopic", { namer, kmsKeyArn: key.arn, accountId });
  const checks = (["primary", "dr"] as const).map((role) => {
    const check = new OriginHealthCheck(stack, `${role}Check`, {
      namer,
      component: `${role}-origin`,
      fqdn: `${role}.origin.api.example.com`,
      resourcePath: "/health",
      requestIntervalSeconds: 30,
      failureThreshold: 2,
      regions: ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"],
    });
    healthCheckAlarm(stack, `${role}Alarm`, {
      namer,
      component: `${role}-origin-unhealthy`,
      metric: check.statusMetric(),
      originDescription: role,
      consequence: "test",
      topicArn: topic.topicArn,
    });
    return check;
  });
  new OriginFailoverRecords(stack, "Failover", {
    hostedZoneId: zone,
    name: "origin.api.example.com",
    primary: { originName: "primary.origin.api.example.com", healthCheckId: checks[0].healthCheckId },
    secondary: { originName: "dr.origin.api.example.com", healthCheckId: checks[1].healthCheckId },
  });
  const certificate = new DnsValidatedCertificate(stack, "Certificate", {
    namer,
    component: "api",
    hostedZoneId: zone,
    domainName: "api.example.com",
  });
  const webAcl = new EdgeWebAcl(stack, "WebAcl", {
    namer,
    rateLimitRequests: 100,
    rateLimitWindowSeconds: 60,
    anonymousIpList: true,
    kmsKeyArn: key.arn,
    logRetentionDays: 30,
  });
  const logs = new CloudFrontLogBucket(stack, "AccessLogs", { namer });
  const headers = new SecurityHeadersPolicy(stack, "SecurityHeaders", { namer });
  const originVerify = new OriginVerifyValue(stack, "OriginVerify", { secretName: "titan-primary-origin-verify" });
  const distribution = new EdgeDistribution(stack, "Distribution", {
    namer,
    apiHostname: "api.example.com",
    certificateArn: certificate.certificateArn,
    webAclArn: webAcl.arn,
    priceClass: "PriceClass_200",
    logBucketDomainName: logs.domainName,
    logBucketReady: logs.aclsReady,
    ...DISTRIBUTION_ORIGINS,
    originVerifyHeaderName: "X-Origin-Verify",
    originVerifyValue: originVerify.current,
    cachedPaths: ["/static/*", "/assets/*"],
    responseHeadersPolicyId: headers.policyId,
  });
  new ViewerRecords(stack, "ViewerRecords", {
    hostedZoneId: zone,
    name: "api.example.com",
    distributionDomainName: distribution.domainName,
    distributionZoneId: distribution.hostedZoneId,
  });
  new ShieldAdvanced(stack, "ShieldAdvanced", { namer, distributionArn: distribution.arn });
  return stack;
}
