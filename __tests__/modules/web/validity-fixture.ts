import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { RedisAccessControl } from "../../../src/modules/cache/redis-access";
import { DnsValidatedCertificate } from "../../../src/modules/dns/validated-certificate";
import { OriginPrefixLists } from "../../../src/modules/edge/origin-prefix-lists";
import { OriginVerifySecret } from "../../../src/modules/edge/origin-verify-secret";
import { OriginVerifyValue } from "../../../src/modules/edge/origin-verify-value";
import { RegionalOriginRecord } from "../../../src/modules/edge/regional-origin-record";
import { Network } from "../../../src/modules/network/network";
import { EncryptedLogGroup } from "../../../src/modules/observability/log-group";
import { autoscalingEbsKeyStatements } from "../../../src/modules/security/autoscaling-key-access";
import { RegionalKey } from "../../../src/modules/security/kms-key";
import { TierSecurityGroups } from "../../../src/modules/security/security-groups";
import { AlbAccessLogBucket } from "../../../src/modules/storage/log-buckets";
import { ApplicationLoadBalancer } from "../../../src/modules/web/load-balancer";
import { Ec2WebTier } from "../../../src/modules/web/web-tier";
import { Namer } from "../../../src/naming";

/** The primary region's certificate, origin-verify secret, load balancer, origin record and EC2 web tier, at origin-verify `generation`. */
export function webStack(generation: number): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "web");
  new AwsProvider(stack, "aws", { region: "us-east-2" });
  const namer = new Namer("titan", "primary");
  const accountId = "111122223333";
  const key = new RegionalKey(stack, "Key", {
    aliasName: "titan-primary",
    description: "titan primary",
    region: "us-east-2",
    accountId,
    additionalStatements: autoscalingEbsKeyStatements(accountId),
  });
  const network = new Network(stack, "Network", {
    namer,
    vpcCidr: "10.0.0.0/16",
    availabilityZoneIds: ["use2-az1", "use2-az2", "use2-az3"],
    flowLogKmsKeyArn: key.arn,
    logRetentionDays: 90,
    accountId,
  });
  const prefixLists = new OriginPrefixLists(stack, "OriginPrefixLists", { region: "us-east-2" });
  const groups = new TierSecurityGroups(stack, "SecurityGroups", {
    namer,
    vpcId: network.vpcId,
    appPort: 5000,
    cloudFrontPrefixListId: prefixLists.cloudFrontId,
    healthCheckerPrefixListId: prefixLists.healthCheckersId,
  });
  const logs = new AlbAccessLogBucket(stack, "AlbLogs", { namer, accountId });
  const certificate = new DnsValidatedCertificate(stack, "OriginCertificate", {
    namer,
    component: "origin",
    hostedZoneId: "Z0123456789EXAMPLE0",
    domainName: "origin.api.example.com",
    subjectAlternativeNames: ["primary.origin.api.example.com"],
  });
  const secret = new OriginVerifySecret(stack, "OriginVerifySecret", {
    namer,
    kmsKeyArn: key.arn,
    replicaRegions: ["us-west-1", "us-east-1"],
    generation,
  });
  const originVerify = new OriginVerifyValue(stack, "OriginVerify", {
    secretName: OriginVerifySecret.secretName(namer),
    versionId: secret.version.versionId,
  });
  const alb = new ApplicationLoadBalancer(stack, "Alb", {
    namer,
    vpcId: network.vpcId,
    publicSubnetIds: network.publicSubnetIds,
    securityGroupIds: groups.albIds,
    originVerify: { name: "X-Origin-Verify", acceptedValues: originVerify.acceptedValues },
    certificateArn: certificate.certificateArn,
    accessLogBucketName: logs.bucket.bucket,
    accessLogPrefix: logs.logPrefix,
    appPort: 5000,
    healthCheckPath: "/health",
    runtime: "ec2",
    internetGatewayDependency: network.internetGateway,
  });
  new RegionalOriginRecord(stack, "OriginRecord", {
    hostedZoneId: "Z0123456789EXAMPLE0",
    name: "primary.origin.api.example.com",
    loadBalancerDnsName: alb.dnsName,
    loadBalancerZoneId: alb.zoneId,
  });
  const redisAccess = new RedisAccessControl(stack, "RedisAccess", { namer });
  const webLogs = new EncryptedLogGroup(stack, "WebLogs", {
    logGroupName: "/titan/primary/web",
    kmsKeyArn: key.arn,
    retentionDays: 90,
  });
  new Ec2WebTier(stack, "WebTier", {
    namer,
    region: "us-east-2",
    amiId: "ami-0df92fab4fc936ce1",
    instanceType: "t3.micro",
    desiredCapacity: 3,
    privateSubnetIds: network.privateSubnetIds,
    securityGroupId: groups.appId,
    targetGroupArn: alb.activeTargetGroup.arn,
    kmsKeyArn: key.arn,
    appPort: 5000,
    dbHost: "db.titan.internal",
    dbName: "birthday",
    dbUser: "birthday_app",
    cacheHost: "cache.titan.internal",
    cacheUserId: redisAccess.appUserId,
    cacheReplicationGroupId: namer.name("redis", "elasticache"),
    logGroupName: webLogs.name,
  });
  return stack;
}
