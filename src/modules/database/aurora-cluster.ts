import { DataAwsRdsOrderableDbInstance } from "@cdktf/provider-aws/lib/data-aws-rds-orderable-db-instance";
import { RdsCluster, type RdsClusterConfig } from "@cdktf/provider-aws/lib/rds-cluster";
import { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { PropChecks } from "../../validation/prop-checks";
import { EncryptedLogGroup } from "../observability/log-group";
import type { Metric } from "../observability/metric";
import { type Grantable, sidPart } from "../security/grants";
import { validateAuroraCluster } from "./aurora-cluster-validation";
import { EXTENDED_SUPPORT_DISABLED } from "./aurora-global-cluster";
import { ClusterParameters } from "./cluster-parameters";
import { ROLE_NAME } from "./limits";
import { RdsMonitoringRole } from "./monitoring-role";

/**
 * The instance roles Aurora publishes metrics under (`Role` dimension): a role's series follows
 * whichever instance holds it, so alarms and graphs survive a failover that swaps them.
 */
export type AuroraInstanceRole = "WRITER" | "READER";
export const AURORA_INSTANCE_ROLES: readonly AuroraInstanceRole[] = ["WRITER", "READER"];

const ENGINE = "aurora-postgresql";
/** Log types aurora-postgresql exports: the server log, and IAM authentication failures (IAM auth is on). */
export const AURORA_LOG_EXPORTS = ["postgresql", "iam-db-auth-error"];
/**
 * Attributes Terraform must not reconcile on a global-database member. After a switchover or
 * failover AWS rewrites the membership (`replication_source_identifier`, and the global identifier
 * on a detached cluster); reconciling them makes the provider call PromoteReadReplicaDBCluster and
 * detach the cluster (terraform-provider-aws #40921). Engine upgrades go through the global
 * cluster, which upgrades every member: a member-level `engine_version` would fight it.
 */
export const GLOBAL_MEMBER_IGNORED_CHANGES = [
  "global_cluster_identifier",
  "replication_source_identifier",
  "engine_version",
];

/** What differs between the writer region's cluster and a secondary one. */
export type AuroraMembership =
  /** The writer region: creates the master user and the database. */
  | {
      readonly kind: "primary";
      readonly masterUsername: string;
      /** Write-only password: `DatabaseCredentials.passwordExpression`, read back from the secret, never a literal. */
      readonly masterPasswordWo: string;
      /** Bump to send a new password; must match the secret's version. */
      readonly masterPasswordWoVersion: number;
      readonly databaseName: string;
    }
  /** A read-only region: everything comes from the global cluster it joins. */
  | { readonly kind: "secondary" };

export interface AuroraClusterProps {
  readonly namer: Namer;
  /**
   * The cluster's region and account: the ARNs its grants name, and the only ones its Enhanced
   * Monitoring role lets RDS act for.
   */
  readonly region: string;
  readonly accountId: string;
  readonly membership: AuroraMembership;
  /** Global cluster to join: a reference in primary, the configured identifier in DR. */
  readonly globalClusterIdentifier: string;
  /** aurora-postgresql major.minor, the global cluster's. Used at creation; upgrades go through the global cluster. */
  readonly engineVersion: string;
  /** Memory-optimized class (global databases reject burstable `db.t*` classes). */
  readonly instanceClass: string;
  /** Instances in the cluster, writer included, 1 to 15. */
  readonly instanceCount: number;
  /**
   * AZ names as this account spells them (read from the data subnets, which are created by AZ ID);
   * instance n goes to AZ n modulo their count.
   */
  readonly availabilityZones: readonly string[];
  readonly dbSubnetGroupName: string;
  readonly securityGroupIds: readonly string[];
  /** The region's customer key: storage and Performance Insights. */
  readonly kmsKeyArn: string;
  /** Days of automated backups for point-in-time restore, 1 to 35. @default 7 */
  readonly backupRetentionDays?: number;
  /** Refuse deletion through the API; opting out is explicit. @default true */
  readonly deletionProtection?: boolean;
  /**
   * Destroy without a final snapshot. Opting out is explicit.
   * @default false: a final snapshot named `<cluster>-final-<KMS key id>` (see the class comment)
   */
  readonly skipFinalSnapshot?: boolean;
  /** UTC. @default "05:00-06:00": night in the US, before the AWS Backup job at 07:00 */
  readonly preferredBackupWindow?: string;
  /** UTC. @default "sun:08:00-sun:09:00": after the backup window, Sunday night in the US */
  readonly preferredMaintenanceWindow?: string;
  /** 7 (free) or a multiple of 31 up to 731. @default 7 */
  readonly performanceInsightsRetentionDays?: number;
  /** Enhanced Monitoring granularity; 0 turns it off and creates no role. @default 60 */
  readonly monitoringIntervalSeconds?: number;
  /**
   * Fail the plan unless the region offers `instanceClass` for this engine version with global
   * database support. The check calls the RDS API, so a plan without AWS credentials needs it off.
   * @default true
   */
  readonly verifyInstanceClassOffered?: boolean;
  /**
   * Let the cluster forward writes to the global database's writer whenever it is a secondary
   * (Aurora PostgreSQL 16+, 15.4+ or 14.9+). Set on both regions' clusters: on the writer it does
   * nothing until a switchover or failover demotes it, and then it applies at once.
   * @default true
   */
  readonly globalWriteForwarding?: boolean;
  /**
   * Upper bound on the global database's RPO (`rds.global_db_rpo` in this cluster's parameter
   * group): commits pause while every secondary lags more than this.
   * @default - no bound
   */
  readonly globalRpoSeconds?: number;
  /**
   * Retention of the exported PostgreSQL logs. Their log groups are created here, encrypted with
   * `kmsKeyArn`, before the cluster: left to RDS they would be unencrypted and kept forever.
   * @default 90
   */
  readonly logRetentionDays?: number;
}

/**
 * One regional Aurora PostgreSQL cluster of the global database: the writer region's (`primary`)
 * or a read-only secondary that joins by identifier (`secondary`), built by the same code so the two
 * cannot drift apart.
 *
 * WHY the choices: storage, Performance Insights and snapshots are under the region's CMK (a
 * secondary must name a key in its own region); IAM database authentication and log exports are on;
 * deletion protection, a final snapshot and retained automated backups make the cluster safe by
 * default. Minor versions are not upgraded automatically: every region of a global database must
 * run the same engine version, so upgrades are made on the global cluster, for all regions at once.
 * The availability zones are not set on the cluster itself: Aurora spreads storage over three AZs
 * and a shorter list (us-west-1 has two) makes Terraform plan a replacement.
 * Global write forwarding is on in both regions, so the app of whichever region is the secondary
 * can write through its own cluster (see the regional stack's generic `db` name); the provider keeps
 * the flag from config rather than reading it back, so the writer's dormant flag plans no diff.
 *
 * The final snapshot is named after the cluster and the id of the key that encrypts it: every
 * deployment of an environment creates a new key, so a second teardown cannot collide with the
 * first one's snapshot; the name is stable while the key lives, so no plan changes it; and it says
 * which key must still exist (its deletion window is 30 days) to restore the snapshot.
 */
export class AuroraCluster extends Construct {
  readonly cluster: RdsCluster;
  readonly instances: readonly RdsClusterInstance[];
  readonly monitoringRole?: RdsMonitoringRole;
  readonly clusterIdentifier: string;
  readonly writerEndpoint: string;
  readonly readerEndpoint: string;
  readonly arn: string;
  private readonly region: string;
  private readonly accountId: string;

  constructor(scope: Construct, id: string, props: AuroraClusterProps) {
    super(scope, id);
    const backupRetentionDays = props.backupRetentionDays ?? 7;
    const skipFinalSnapshot = props.skipFinalSnapshot ?? false;
    const preferredBackupWindow = props.preferredBackupWindow ?? "05:00-06:00";
    const preferredMaintenanceWindow = props.preferredMaintenanceWindow ?? "sun:08:00-sun:09:00";
    const piRetentionDays = props.performanceInsightsRetentionDays ?? 7;
    const monitoringIntervalSeconds = props.monitoringIntervalSeconds ?? 60;
    validateAuroraCluster(this, props, {
      backupRetentionDays,
      preferredBackupWindow,
      preferredMaintenanceWindow,
      performanceInsightsRetentionDays: piRetentionDays,
      monitoringIntervalSeconds,
    });

    verifyInstanceClassOffered(this, props);

    const clusterIdentifier = props.namer.name("aurora", "rdsCluster");
    const logs = new Construct(this, "Logs");
    const logGroups = AURORA_LOG_EXPORTS.map(
      (logType) =>
        new EncryptedLogGroup(logs, logType, {
          logGroupName: `/aws/rds/cluster/${clusterIdentifier}/${logType}`,
          kmsKeyArn: props.kmsKeyArn,
          retentionDays: props.logRetentionDays ?? 90,
        }),
    );

    const parameters = new ClusterParameters(this, "Parameters", {
      name: props.namer.name("aurora", "rdsCluster"),
      engineVersion: props.engineVersion,
      globalRpoSeconds: props.globalRpoSeconds,
    });

    this.cluster = new RdsCluster(this, "Resource", {
      clusterIdentifier,
      dbClusterParameterGroupName: parameters.name,
      globalClusterIdentifier: props.globalClusterIdentifier,
      engine: ENGINE,
      engineVersion: props.engineVersion,
      // Same as the global cluster: a member left to the API default would be enrolled (and billed).
      engineLifecycleSupport: EXTENDED_SUPPORT_DISABLED,
      ...membershipArgs(props.membership),
      dbSubnetGroupName: props.dbSubnetGroupName,
      vpcSecurityGroupIds: [...props.securityGroupIds],
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      iamDatabaseAuthenticationEnabled: true,
      enableGlobalWriteForwarding: props.globalWriteForwarding ?? true,
      enabledCloudwatchLogsExports: AURORA_LOG_EXPORTS,
      backupRetentionPeriod: backupRetentionDays,
      preferredBackupWindow,
      preferredMaintenanceWindow,
      copyTagsToSnapshot: true,
      deletionProtection: props.deletionProtection ?? true,
      skipFinalSnapshot,
      finalSnapshotIdentifier: skipFinalSnapshot
        ? undefined
        : finalSnapshotIdentifier(clusterIdentifier, props.kmsKeyArn),
      // Automated backups outlive the cluster, for a restore after a mistaken destroy.
      deleteAutomatedBackups: false,
      lifecycle: { ignoreChanges: GLOBAL_MEMBER_IGNORED_CHANGES },
      dependsOn: logGroups.map((group) => group.logGroup),
    });

    if (monitoringIntervalSeconds > 0) {
      this.monitoringRole = new RdsMonitoringRole(this, "MonitoringRole", {
        roleName: props.namer.name("rds-monitoring", "iamRole"),
        region: props.region,
        accountId: props.accountId,
        instanceIdentifierPrefix: `${clusterIdentifier}-`,
      });
    }

    const instances = new Construct(this, "Instances");
    const created: RdsClusterInstance[] = [];
    // Ids are the instance's ordinal: raising the count adds instances, lowering it removes the last.
    for (let n = 1; n <= props.instanceCount; n++) {
      created.push(
        new RdsClusterInstance(instances, String(n), {
          identifier: props.namer.name(`aurora-${n}`, "rdsCluster"),
          clusterIdentifier: this.cluster.id,
          engine: ENGINE,
          instanceClass: props.instanceClass,
          availabilityZone: props.availabilityZones[(n - 1) % props.availabilityZones.length],
          publiclyAccessible: false,
          autoMinorVersionUpgrade: false,
          performanceInsightsEnabled: true,
          performanceInsightsKmsKeyId: props.kmsKeyArn,
          performanceInsightsRetentionPeriod: piRetentionDays,
          monitoringInterval: monitoringIntervalSeconds,
          monitoringRoleArn: this.monitoringRole?.arn,
          dependsOn: this.monitoringRole ? [this.monitoringRole.attachment] : undefined,
        }),
      );
    }
    this.instances = created;

    this.clusterIdentifier = this.cluster.clusterIdentifier;
    this.writerEndpoint = this.cluster.endpoint;
    this.readerEndpoint = this.cluster.readerEndpoint;
    this.arn = this.cluster.arn;
    this.region = props.region;
    this.accountId = props.accountId;
  }

  /**
   * The ARN `rds-db:connect` is granted on: one database user of this cluster. IAM database
   * authentication checks a token against the cluster's resource id (`cluster-ABC...`), which AWS
   * generates at creation in the cluster's own region, not against its name.
   */
  dbUserArn(username: string): string {
    new PropChecks(this).matches("dbUserArn(username)", username, ROLE_NAME).throwIfAny();
    return `arn:aws:rds-db:${this.region}:${this.accountId}:dbuser:${this.cluster.clusterResourceId}/${username}`;
  }

  /**
   * Lets `grantee` log in as `username` with IAM authentication tokens (no password). A region's
   * workloads are granted their own region's cluster: the one they can reach, and the writer's
   * after a failover.
   */
  grantConnect(grantee: Grantable, username: string): void {
    grantee.addToPolicy({
      sid: `ConnectToAuroraAs${sidPart(username)}`,
      actions: ["rds-db:connect"],
      resources: [this.dbUserArn(username)],
    });
  }

  /** A metric of the cluster (AWS/RDS, by `DBClusterIdentifier`), or of one instance role's series. */
  metric(metricName: string, options: AuroraMetricOptions): Metric {
    return auroraMetric(this.clusterIdentifier, metricName, options);
  }

  /** The metric once per instance role, writer then reader: what alarms take the worst of. */
  metricByRole(metricName: string, stat: string): Metric[] {
    return AURORA_INSTANCE_ROLES.map((role) => this.metric(metricName, { stat, role }));
  }
}

/**
 * The replication lag of a global database's secondary cluster, in milliseconds: only a secondary
 * publishes it (in its own region), so the standby region alarms on it and the runbook reads it
 * before a switchover.
 */
export const AURORA_GLOBAL_REPLICATION_LAG = "AuroraGlobalDBReplicationLag";

export interface AuroraMetricOptions {
  readonly stat: string;
  /** One instance role's series. @default - the cluster's own series */
  readonly role?: AuroraInstanceRole;
}

/** The metric `AuroraCluster.metric` gives, for a cluster known by its identifier. */
export function auroraMetric(clusterIdentifier: string, metricName: string, options: AuroraMetricOptions): Metric {
  return {
    namespace: "AWS/RDS",
    metricName,
    dimensions: {
      DBClusterIdentifier: clusterIdentifier,
      ...(options.role === undefined ? {} : { Role: options.role }),
    },
    stat: options.stat,
  };
}

/** Fails the plan unless the region offers the class for this engine version in a global database. */
function verifyInstanceClassOffered(scope: Construct, props: AuroraClusterProps): void {
  if (props.verifyInstanceClassOffered ?? true) {
    new DataAwsRdsOrderableDbInstance(scope, "InstanceClassOffered", {
      engine: ENGINE,
      engineVersion: props.engineVersion,
      instanceClass: props.instanceClass,
      supportsGlobalDatabases: true,
    });
  }
}

/** `<cluster>-final-<key id>`: the key id is the last part of its ARN (`arn:aws:kms:r:a:key/<id>`). */
export function finalSnapshotIdentifier(clusterIdentifier: string, kmsKeyArn: string): string {
  return `${clusterIdentifier}-final-${Fn.element(Fn.split("/", kmsKeyArn), 1)}`;
}

function membershipArgs(membership: AuroraMembership): Partial<RdsClusterConfig> {
  if (membership.kind === "secondary") {
    return {};
  }
  return {
    masterUsername: membership.masterUsername,
    masterPasswordWo: membership.masterPasswordWo,
    masterPasswordWoVersion: membership.masterPasswordWoVersion,
    databaseName: membership.databaseName,
  };
}
