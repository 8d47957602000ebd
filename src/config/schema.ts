import { z } from "zod";
import { LOG_RETENTION_DAYS } from "../modules/observability/log-retention";
import { cidrsOverlap, isCidr, parseCidr } from "./network";
import { availabilityZoneProblem, REGION_PATTERN } from "./regions";

/**
 * The config contract: the single source of truth for titan's settings.
 *
 * Every object is strict so a typo (`vpcCidrs`) is an error rather than a silently ignored key.
 * Cross-field rules sit on the smallest object holding the fields they compare, so one bad value
 * elsewhere never hides them (zod skips a refinement only when its own object has a type error).
 * The JSON Schema published for editors is generated from this file (`npm run schema`).
 */

const perRole = <T extends z.ZodType>(value: T) => z.strictObject({ primary: value, dr: value });

const cidrBlock = z.string().superRefine((text, ctx) => {
  const cidr = parseCidr(text);
  if (!isCidr(cidr)) {
    ctx.addIssue({ code: "custom", message: cidr.error });
  } else if (cidr.prefixLength < 16 || cidr.prefixLength > 24) {
    ctx.addIssue({
      code: "custom",
      message: `"${text}" is a /${cidr.prefixLength}; AWS allows VPCs from /16 to /28 and titan needs /16 to /24 to fit three subnet tiers per AZ`,
    });
  }
});

const cidrAnySize = z.string().superRefine((text, ctx) => {
  const cidr = parseCidr(text);
  if (!isCidr(cidr)) {
    ctx.addIssue({ code: "custom", message: cidr.error });
  } else if (cidr.prefixLength === 0) {
    ctx.addIssue({
      code: "custom",
      message: "0.0.0.0/0 would open the Kubernetes API to the internet; list your own ranges",
    });
  }
});

const region = z.string().regex(REGION_PATTERN, { message: "must be an AWS region code such as us-east-2" });

const amiId = z
  .string()
  .regex(/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/, { message: "must be an AMI id: ami- and 8 or 17 hex digits" });

const regionSchema = z
  .strictObject({
    region: region.describe("AWS region code"),
    availabilityZones: z
      .array(z.string())
      .min(2, { message: "needs at least 2 Availability Zones: Multi-AZ Aurora, Redis and ALB all require 2" })
      .describe("Zones for subnets, keyed by their letter"),
    vpcCidr: cidrBlock.describe("VPC CIDR, /16 to /24; must not overlap the other region's"),
    webAmiId: amiId.describe("AMI for the EC2 web tier in this region (web.runtime = ec2)"),
    natGateways: z
      .enum(["perAz", "single"])
      .describe("One NAT gateway per AZ (survives an AZ loss) or a single one (cheaper warm standby)"),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.availabilityZones.forEach((zone, index) => {
      const problem = availabilityZoneProblem(value.region, zone);
      if (problem) {
        ctx.addIssue({ code: "custom", path: ["availabilityZones", index], message: problem });
      }
      if (seen.has(zone)) {
        ctx.addIssue({ code: "custom", path: ["availabilityZones", index], message: `"${zone}" is listed twice` });
      }
      seen.add(zone);
    });
  });

const regionsSchema = z.strictObject({ primary: regionSchema, dr: regionSchema }).superRefine((value, ctx) => {
  if (value.primary.region === value.dr.region) {
    ctx.addIssue({
      code: "custom",
      path: ["dr", "region"],
      message: `"${value.dr.region}" is also the primary region; disaster recovery needs a second region`,
    });
  }
  if (value.primary.natGateways !== "perAz") {
    ctx.addIssue({
      code: "custom",
      path: ["primary", "natGateways"],
      message: `the primary region must keep "perAz" so losing one AZ does not cut egress; "single" is for dr`,
    });
  }
  const primary = parseCidr(value.primary.vpcCidr);
  const dr = parseCidr(value.dr.vpcCidr);
  if (isCidr(primary) && isCidr(dr) && cidrsOverlap(primary, dr)) {
    ctx.addIssue({
      code: "custom",
      path: ["dr", "vpcCidr"],
      message: `"${value.dr.vpcCidr}" overlaps the primary VPC "${value.primary.vpcCidr}"; peering, replication and failover need disjoint ranges`,
    });
  }
});

/** Words aurora-postgresql refuses as a master user name. */
export const RESERVED_DB_USERNAMES = ["admin", "rdsadmin", "rdsrepladmin", "rds_superuser", "postgres_fdw", "public"];

const databaseSchema = z
  .strictObject({
    engineVersion: z
      .string()
      .regex(/^\d+\.\d+$/, { message: "must be an aurora-postgresql major.minor version such as 16.6" })
      .describe("aurora-postgresql engine version, pinned"),
    instanceClass: z
      .string()
      .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, { message: "must be an RDS instance class such as db.r6g.large" }),
    instances: perRole(z.int().min(1).max(15)).describe("Aurora instances per regional cluster (writer + readers)"),
    global: z.boolean().describe("Aurora Global Database across the two regions"),
    globalClusterIdentifier: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,62}$/, {
        message: "must be lowercase letters, digits and hyphens, starting with a letter",
      })
      .refine((id) => !id.endsWith("-") && !id.includes("--"), {
        message: "must not end with a hyphen or contain two in a row",
      })
      .describe("Identifier the DR cluster joins (knowable at synth time, so no remote state)"),
    masterUsername: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]{0,15}$/, {
        message: "must start with a letter and hold only letters, digits and underscores, 1-16 characters",
      })
      .superRefine((name, ctx) => {
        if (RESERVED_DB_USERNAMES.includes(name.toLowerCase())) {
          ctx.addIssue({
            code: "custom",
            message: `"${name}" is reserved by aurora-postgresql (${RESERVED_DB_USERNAMES.join(", ")}); choose another, e.g. birthday_admin`,
          });
        }
      }),
    databaseName: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, {
      message: "must start with a letter and hold only letters, digits and underscores",
    }),
    backupRetentionDays: z.int().min(1).max(35),
    deletionProtection: z.boolean(),
    skipFinalSnapshot: z
      .boolean()
      .describe("Opt out of the final snapshot on destroy; keep false outside throwaway tests"),
  })
  .superRefine((value, ctx) => {
    if (value.global && value.instanceClass.startsWith("db.t")) {
      ctx.addIssue({
        code: "custom",
        path: ["instanceClass"],
        message: `"${value.instanceClass}" is burstable; Aurora global databases reject db.t* classes: use a memory-optimized class such as db.r6g.large`,
      });
    }
  });

/** Node families that ElastiCache Global Datastore accepts: r5/m5 and newer. */
const GLOBAL_DATASTORE_NODE = /^cache\.(r|m)([5-9])[a-z]*\.[a-z0-9]+$/;

const cacheSchema = z
  .strictObject({
    engineVersion: z.string().regex(/^\d+\.\d+$/, { message: "must be a Redis OSS major.minor version such as 7.1" }),
    nodeType: z
      .string()
      .regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, { message: "must be a node type such as cache.t3.micro" }),
    nodes: perRole(z.int().min(1).max(6)).describe("Cache nodes (primary + replicas) per region"),
    automaticFailover: z.boolean().describe("Multi-AZ with automatic failover; needs 2+ nodes"),
    globalDatastore: z.boolean().describe("Replicate the cache to the DR region (Global Datastore)"),
    snapshotRetentionDays: z.int().min(0).max(35),
  })
  .superRefine((value, ctx) => {
    for (const role of ["primary", "dr"] as const) {
      if (value.automaticFailover && value.nodes[role] < 2) {
        ctx.addIssue({
          code: "custom",
          path: ["nodes", role],
          message: `${value.nodes[role]} node cannot fail over: automatic failover needs 2 or more nodes, or set cache.automaticFailover to false`,
        });
      }
    }
    if (value.globalDatastore && !GLOBAL_DATASTORE_NODE.test(value.nodeType)) {
      ctx.addIssue({
        code: "custom",
        path: ["nodeType"],
        message: `"${value.nodeType}" cannot join a Global Datastore; use an r5/m5 family or newer (e.g. cache.r6g.large)`,
      });
    }
  });

const hostname = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
  message: "must be a lowercase DNS name such as api.example.com",
});

const domainSchema = z
  .strictObject({
    zoneName: hostname.describe("The existing public hosted zone's name"),
    hostedZoneId: z
      .string()
      .regex(/^Z[A-Z0-9]{1,31}$/, { message: "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ" }),
    apiHostname: hostname.describe("Public name of the API, served by CloudFront and failed over by Route 53"),
    internalZoneName: hostname.describe("Private zone in each VPC holding the generic DB and cache names"),
  })
  .superRefine((value, ctx) => {
    if (!value.apiHostname.endsWith(`.${value.zoneName}`)) {
      ctx.addIssue({
        code: "custom",
        path: ["apiHostname"],
        message: `"${value.apiHostname}" is not inside the zone "${value.zoneName}"`,
      });
    }
  });

const webSchema = z.strictObject({
  runtime: z
    .enum(["eks", "ec2"])
    .describe('"eks" (seed 003: pods behind the ALB) or "ec2" (seed 000: t3.micro instances from the region\'s AMI)'),
  instanceType: z
    .string()
    .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { message: "must be an EC2 instance type such as t3.micro" }),
  instances: perRole(z.int().min(1).max(20)).describe("EC2 web instances per region (web.runtime = ec2)"),
});

const appSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, { message: "must be lowercase letters, digits and hyphens" }),
  port: z.int().min(1).max(65535),
  healthCheckPath: z.string().regex(/^\/[A-Za-z0-9/_.-]*$/, { message: "must be a URL path such as /health" }),
});

const logArchiveSchema = z
  .strictObject({
    glacierAfterDays: z
      .int()
      .min(1)
      .describe('Days before log objects move to Glacier (seed: "archive old S3 data to Glacier")'),
    expireAfterDays: z.int().min(2).describe("Days before log objects are deleted"),
  })
  .superRefine((value, ctx) => {
    if (value.expireAfterDays <= value.glacierAfterDays + 90) {
      ctx.addIssue({
        code: "custom",
        path: ["expireAfterDays"],
        message: `${value.expireAfterDays} days leaves under 90 days in Glacier, its minimum storage duration (billed anyway); use more than ${value.glacierAfterDays + 90}`,
      });
    }
  });

const backupSchema = z.strictObject({
  scheduleExpression: z
    .string()
    .regex(/^cron\(.+\)$/, { message: "must be an AWS Backup cron expression such as cron(0 5 * * ? *)" }),
  retentionDays: z.int().min(1).max(36500),
  copyRetentionDays: z.int().min(1).max(36500).describe("Retention of the copies in the DR region's vault"),
});

const observabilitySchema = z.strictObject({
  logRetentionDays: z
    .literal(LOG_RETENTION_DAYS)
    .describe("CloudWatch Logs retention; one of the values CloudWatch accepts"),
  alarmEmails: z.array(z.email()).describe("Addresses subscribed to the alarm topic (each must confirm)"),
});

const nodeGroupSize = z
  .strictObject({
    min: z.int().min(0).max(100),
    max: z.int().min(1).max(100),
    desired: z.int().min(0).max(100).describe("Initial size only: the cluster autoscaler owns it afterwards"),
  })
  .superRefine((value, ctx) => {
    if (value.min > value.max) {
      ctx.addIssue({ code: "custom", path: ["min"], message: `min ${value.min} is above max ${value.max}` });
    }
    if (value.desired < value.min || value.desired > value.max) {
      ctx.addIssue({
        code: "custom",
        path: ["desired"],
        message: `desired ${value.desired} must lie between min ${value.min} and max ${value.max}`,
      });
    }
  });

const iamRoleArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, { message: "must be an IAM role ARN" });

const kubernetesSchema = z.strictObject({
  version: z.string().regex(/^1\.\d{2}$/, { message: "must be a Kubernetes minor version such as 1.32" }),
  nodeInstanceType: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { message: "must be an EC2 instance type" }),
  nodes: perRole(nodeGroupSize).describe("On-demand managed node group size per region (DR: warm standby)"),
  spot: z.strictObject({
    enabled: z.boolean().describe("A spot node group for non-critical workloads (seed 003's cost section)"),
    instanceTypes: z.array(z.string()).min(2, { message: "spot needs at least 2 instance types to find capacity" }),
    max: z.int().min(1).max(100),
  }),
  publicAccessCidrs: z
    .array(cidrAnySize)
    .describe("CIDRs allowed to reach the public API endpoint; empty keeps the endpoint private only"),
  adminRoleArns: z.array(iamRoleArn).describe("IAM roles granted cluster admin through access entries"),
});

const deliverySchema = z.strictObject({
  githubOwner: z.string().regex(/^[A-Za-z0-9-]{1,39}$/, { message: "must be a GitHub user or organisation" }),
  githubRepo: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, { message: "must be a GitHub repository name" }),
  branch: z.string().min(1),
  imageRetentionCount: z.int().min(1).max(1000).describe("Images ECR keeps per repository"),
});

export const configSchema = z
  .strictObject({
    project: z
      .string()
      .regex(/^[a-z][a-z0-9]{1,11}$/, { message: "must be 2-12 lowercase letters and digits, starting with a letter" })
      .describe("Prefix of every physical name"),
    bucketSuffix: z
      .string()
      .regex(/^([a-z0-9][a-z0-9-]{0,20})?$/, {
        message: "must be empty or up to 21 lowercase letters, digits and hyphens",
      })
      .describe("Appended to S3 bucket names, which are global across all AWS accounts (e.g. your account id)"),
    app: appSchema,
    regions: regionsSchema,
    web: webSchema,
    domain: domainSchema,
    database: databaseSchema,
    cache: cacheSchema,
    logArchive: logArchiveSchema,
    backup: backupSchema,
    observability: observabilitySchema,
    kubernetes: kubernetesSchema,
    delivery: deliverySchema,
  })
  .describe("titan configuration: deep-merged over the defaults from the file named by TITAN_CONFIG");

export type TitanConfig = z.infer<typeof configSchema>;
export type RegionConfig = TitanConfig["regions"]["primary"];
