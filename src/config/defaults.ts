import type { TitanConfig } from "./schema";

/**
 * The seeds' values, corrected where AWS rejects them (see ../shared/DESIGN.md). Each correction
 * says why beside it; everything else is as the seeds wrote it.
 */
/** Stands in for your public hosted zone until a config names it (see configWarnings). */
export const PLACEHOLDER_HOSTED_ZONE_ID = "Z0123456789EXAMPLE0";

export const DEFAULT_CONFIG: TitanConfig = {
  project: "titan",
  // S3 names are global across every AWS account: set this (e.g. to your account id) so the
  // buckets below are yours to create.
  bucketSuffix: "",
  app: {
    name: "birthday-app",
    port: 5000,
    healthCheckPath: "/health",
    // The standby idles at one pod and may grow as far as the active region: a failover sends it
    // the whole load before dr.activeRole flips.
    scaling: {
      replicas: { active: { minReplicas: 2, maxReplicas: 12 }, standby: { minReplicas: 1, maxReplicas: 12 } },
      targetCpuPercent: 70,
      cpuRequestMillicores: 250,
      cpuLimitMillicores: 1000,
      memoryRequestMib: 256,
      memoryLimitMib: 512,
    },
  },
  regions: {
    primary: {
      region: "us-east-2",
      // By AZ ID: a zone's name (us-east-2a) is mapped to a physical zone per account.
      availabilityZones: ["use2-az1", "use2-az2", "use2-az3"],
      vpcCidr: "10.0.0.0/16",
      webAmiId: "ami-0df92fab4fc936ce1",
      natGateways: "perAz",
    },
    dr: {
      region: "us-west-1",
      // Seed 003 asks for 3 AZs everywhere; us-west-1 has two zones open to new accounts, and
      // seed 000's "b" and "c" are letters that point at different zones (or none) per account.
      availabilityZones: ["usw1-az1", "usw1-az3"],
      vpcCidr: "10.1.0.0/16",
      webAmiId: "ami-0cf0917c6fa17e621",
      natGateways: "single",
    },
  },
  web: {
    runtime: "eks",
    instanceType: "t3.micro",
    // Seed 000: 3 per region. The standby region runs a smaller warm standby; flipping
    // dr.activeRole gives it the active size in one apply.
    instances: { active: 3, standby: 2 },
  },
  domain: {
    zoneName: "example.com",
    hostedZoneId: PLACEHOLDER_HOSTED_ZONE_ID,
    apiHostname: "api.example.com",
    internalZoneName: "titan.internal",
  },
  database: {
    // A 16.x minor: 16 is in standard support until 2029-02-28 (see support-calendar.ts) and
    // forwards DR's writes to the global writer in every minor.
    engineVersion: "16.11",
    // Seed: t3.small. aurora-postgresql does not offer it, and global databases reject every
    // burstable class, so the smallest memory-optimized Graviton class instead.
    instanceClass: "db.r6g.large",
    instances: { primary: 2, dr: 2 },
    globalClusterIdentifier: "titan-aurora-global",
    // Seed: "admin", which is reserved on aurora-postgresql.
    masterUsername: "birthday_admin",
    masterPasswordVersion: 1,
    // The app's own login, IAM-authenticated: the master password stays with operators.
    appUsername: "birthday_app",
    databaseName: "birthday",
    backupRetentionDays: 7,
    deletionProtection: true,
    skipFinalSnapshot: false,
    // No bound: a bound pauses commits in the live region whenever DR lags past it, so a DR-region
    // impairment would stall writes where users are (README, "Disaster recovery").
    globalRpoSeconds: null,
  },
  cache: {
    engineVersion: "7.1",
    nodeType: "cache.t3.micro",
    // Seed: 1 node. Multi-AZ automatic failover needs a replica, so 2 per region.
    nodes: { primary: 2, dr: 2 },
    automaticFailover: true,
    // Off: a cache failover loses only cached entries, which the app rebuilds from Aurora.
    globalDatastore: false,
    snapshotRetentionDays: 7,
  },
  logArchive: { glacierAfterDays: 90, expireAfterDays: 365 },
  backup: {
    // Daily (seed 003: "daily RDS snapshots"), outside US business hours.
    scheduleExpression: "cron(0 7 * * ? *)",
    retentionDays: 35,
    copyRetentionDays: 35,
  },
  observability: {
    logRetentionDays: 90,
    alarmEmails: [],
    alarmsSubscribedElsewhere: false,
    // Five minutes in a row: a rotation applied out of order or a WAF false positive refuses every
    // request it touches for as long as it lasts, while a burst of bad requests passes. CloudFront's
    // share includes the app's own 4xx (not found, unauthorized), so its threshold sits higher.
    refusedRequests: {
      loadBalancer: { thresholdPercent: 20, minimumRequestsPerMinute: 20, evaluationMinutes: 5 },
      cloudFront: { thresholdPercent: 25, minimumRequestsPerMinute: 20, evaluationMinutes: 5 },
      waf: { thresholdPercent: 20, minimumRequestsPerMinute: 20, evaluationMinutes: 5 },
    },
  },
  kubernetes: {
    // In standard support until 2027-03-27 (support-calendar.ts); 1.32's ended on 2026-03-23.
    version: "1.35",
    // When the version leaves standard support, keep it (billed as extended support, with a synth
    // warning 90 days ahead) rather than let AWS upgrade the control plane under Terraform: after a
    // surprise upgrade every plan proposes a downgrade EKS refuses, blocking the DR applies too.
    supportType: "EXTENDED",
    // Seeds: 2 x t3.medium across AZs. The standby region keeps one warm node; flipping
    // dr.activeRole raises it to the active size in one apply (see README, Disaster recovery).
    nodeInstanceType: "t3.medium",
    nodes: { active: { min: 2, max: 6, desired: 2 }, standby: { min: 1, max: 6, desired: 1 } },
    spot: { enabled: false, instanceTypes: ["t3.medium", "t3a.medium"], max: 4 },
    // Private only: CodeBuild deploys from inside the VPC.
    publicAccessCidrs: [],
    adminRoleArns: [],
    // The load balancer controller runs 2 replicas everywhere (it registers the pods a failover
    // sends traffic to); the standby region runs the rest at one each.
    platform: {
      loadBalancerController: { replicas: { active: 2, standby: 2 } },
      clusterAutoscaler: { replicas: { active: 1, standby: 1 } },
      tracing: { replicas: { active: 2, standby: 1 } },
      prometheus: { replicas: { active: 1, standby: 1 }, retentionDays: 15, storageGib: { primary: 50, dr: 20 } },
      grafana: { replicas: { active: 1, standby: 1 }, adminPasswordVersion: 1 },
    },
  },
  delivery: {
    githubOwner: "birthday-app",
    githubRepo: "birthday-app",
    branch: "main",
    chartRepo: "titan",
    chartBranch: "main",
    imageRetentionCount: 30,
  },
  edge: {
    // 10 s x 3: a checker calls an origin down after 20-30 s of failures (DESIGN.md); 30 s would triple it.
    // Checkers away from us-east-2 and us-west-1, so an outage of either app region cannot blind them.
    healthCheck: { requestIntervalSeconds: 10, failureThreshold: 3, regions: ["us-east-1", "us-west-2", "eu-west-1"] },
    // About 7 requests a second per client IP, sustained over five minutes.
    waf: { rateLimitRequests: 2000, rateLimitWindowSeconds: 300, anonymousIpList: false },
    // A subscription with a one-year commitment: an explicit decision, never a default.
    shieldAdvanced: false,
    cloudFront: {
      priceClass: "PriceClass_100",
      // Seed 003 caches static assets at the edge.
      cachedPaths: ["/static/*"],
      // Reused connections save a TLS handshake per request; 30 s stays well below the ALB's 60 s idle timeout.
      originKeepAliveSeconds: 30,
      originResponseTimeoutSeconds: 30,
      // 3 x 5 s: a dead origin costs a request 15 s before its 504 while DNS still points at it, not 30 s.
      originConnectionTimeoutSeconds: 5,
      originConnectionAttempts: 3,
      // Cached paths fail over to DR within CloudFront: one short attempt at primary first.
      failoverConnectionTimeoutSeconds: 2,
      failoverResponseTimeoutSeconds: 10,
    },
    originVerify: { headerName: "X-Origin-Verify", generation: 1 },
  },
  // The primary region is live; after a failover set "dr" and apply dr (then primary, once it is back).
  dr: {
    activeRole: "primary",
    // 15 minutes to full service, at most a minute of writes lost; synth holds the computed
    // budget (npm run dr:report) to both.
    rtoSeconds: 900,
    rpoSeconds: 60,
    // Planning figures for what AWS does not publish; a game day replaces each (README, game day).
    assumptions: {
      operatorResponseSeconds: 300,
      route53AnswerSwitchSeconds: 30,
      // AWS: "in the order of minutes". Five, until a drill measures it.
      auroraFailoverSeconds: 300,
      auroraSwitchoverSeconds: 300,
      nodeReadySeconds: 180,
      podReadySeconds: 60,
      instanceReadySeconds: 180,
      cacheFailoverSeconds: 60,
    },
  },
  // Empty: no role may trust a repository the config has not named (no ci stack until it is set).
  ci: { githubRepository: "", mainBranch: "main", applyEnvironment: "production", createOidcProvider: true },
  // Protections on: only a short-lived environment about to be destroyed turns this on.
  teardown: false,
};
