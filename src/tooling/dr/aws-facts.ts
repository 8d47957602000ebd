/**
 * What AWS documents about the timings a recovery depends on, each with the page that says it.
 * These are the budget's only built-in numbers; everything else is read from the synthesized stacks
 * or from config (where AWS publishes nothing, `dr.assumptions`).
 */

/** A statement in AWS's documentation, with its page. */
export interface AwsDoc {
  readonly url: string;
  /** What the page says, close to its words. */
  readonly says: string;
}

/** A figure AWS documents. */
export interface AwsFigure extends AwsDoc {
  readonly seconds: number;
}

const ROUTE53_HEALTH =
  "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html";
const AURORA_DR =
  "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html";

export const AWS_FIGURES = {
  healthCheckConnect: {
    seconds: 4,
    url: ROUTE53_HEALTH,
    says: "HTTP and HTTPS health checks: Route 53 must be able to establish a TCP connection with the endpoint within four seconds",
  },
  healthCheckResponse: {
    seconds: 2,
    url: ROUTE53_HEALTH,
    says: "the endpoint must respond with an HTTP status code of 2xx or 3xx within two seconds after connecting",
  },
  elbAliasTtl: {
    seconds: 60,
    url: "https://aws.amazon.com/route53/faqs/",
    says: "DNS failover for ELB endpoints uses alias records, which have a fixed TTL of 60 seconds",
  },
  route53Propagation: {
    seconds: 60,
    url: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html",
    says: "Changes generally propagate to all Route 53 name servers managing the hosted zone within 60 seconds",
  },
  auroraReplicationLag: {
    seconds: 1,
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html",
    says: "Aurora replicates data to the secondary Regions with typical latency of under a second",
  },
  auroraSwitchoverRpo: {
    seconds: 0,
    url: AURORA_DR,
    says: "a switchover synchronizes secondary DB clusters with the primary before making any other changes, so RPO is 0 (no data loss)",
  },
} as const satisfies Record<string, AwsFigure>;

/** Statements the budget cites for how a synthesized or configured figure is used. */
export const AWS_DOCS = {
  healthCheckAggregate: {
    url: ROUTE53_HEALTH,
    says: "each checker counts consecutive failures (the failure threshold) at the request interval; the endpoint is unhealthy once 18% of checkers or fewer report it healthy",
  },
  aliasToRecordTtl: {
    url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html",
    says: "an alias record that points to another record in the same hosted zone uses the TTL of the record it points to",
  },
  cloudFrontAttempts: {
    url: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html",
    says: "CloudFront tries to connect to an origin for connection attempts x connection timeout (by default 3 x 10 s) before failing over or answering with an error",
  },
  cloudFrontResponseTimeout: {
    url: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistValuesOrigin.html",
    says: "the response timeout is how long CloudFront waits for a response from the origin; an origin group fails over on a timeout too",
  },
  alarmEvaluation: {
    url: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html",
    says: "an alarm goes to ALARM when datapoints to alarm of its evaluation periods, each one period long, breach the threshold",
  },
  auroraFailoverRto: {
    url: AURORA_DR,
    says: "For an Aurora global database, RTO can be in the order of minutes",
  },
  auroraRpoBound: {
    url: AURORA_DR,
    says: "rds.global_db_rpo: Aurora blocks commits on the primary while every secondary's RPO lag is larger than the RPO",
  },
  auroraRpoTypical: {
    url: AURORA_DR,
    says: "For an Aurora global database, RPO is typically measured in seconds; without rds.global_db_rpo there is no upper bound",
  },
  targetHealth: {
    url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html",
    says: "a newly registered target is healthy after healthy-threshold consecutive successful checks, one interval apart",
  },
  s3ReplicationTimeControl: {
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html",
    says: "S3 Replication Time Control replicates 99.99 percent of new objects within 15 minutes",
  },
  backupSchedule: {
    url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html",
    says: "a backup rule runs on its schedule expression and copies each recovery point to the copy action's destination vault; copy duration is not published",
  },
  secretReplication: {
    url: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/create-manage-multi-region-secrets.html",
    says: "Secrets Manager keeps replica secrets in sync with the primary secret; replication time is not published",
  },
  ecrReplication: {
    url: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/replication.html",
    says: "images pushed after replication is configured are replicated to the destination Region; replication time is not published",
  },
  cacheGlobalDatastore: {
    url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastore.html",
    says: "a global datastore replicates asynchronously; a secondary cluster is promoted to primary by an operator",
  },
} as const satisfies Record<string, AwsDoc>;
