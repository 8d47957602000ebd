import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsRdsOrderableDbInstance } from "@cdktf/provider-aws/lib/data-aws-rds-orderable-db-instance";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import { Testing } from "cdktf";
import { AuroraCluster, type AuroraClusterProps } from "../../../src/modules/database/aurora-cluster";
import { Namer } from "../../../src/naming";

type Resources = Record<string, Record<string, Record<string, unknown>>>;
type Role = "primary" | "dr";

const PASSWORD_REF =
  "${jsondecode(ephemeral.aws_secretsmanager_secret_version.db_master_secret_0123abcd.secret_string).password}";
const KEYS: Record<Role, string> = {
  primary: "arn:aws:kms:us-east-2:111122223333:key/primary",
  dr: "arn:aws:kms:us-west-1:111122223333:key/dr",
};
const AZS: Record<Role, string[]> = {
  primary: ["us-east-2a", "us-east-2b", "us-east-2c"],
  dr: ["us-west-1b", "us-west-1c"],
};
const PRIMARY_ONLY_ARGS = ["master_username", "master_password_wo", "master_password_wo_version", "database_name"];

function props(role: Role, overrides: Partial<AuroraClusterProps> = {}): AuroraClusterProps {
  return {
    namer: new Namer("titan", role),
    region: role === "primary" ? "us-east-2" : "us-west-1",
    accountId: "111122223333",
    membership:
      role === "primary"
        ? {
            kind: "primary",
            masterUsername: "birthday_admin",
            masterPasswordWo: PASSWORD_REF,
            masterPasswordWoVersion: 1,
            databaseName: "birthday",
          }
        : { kind: "secondary" },
    globalClusterIdentifier: "titan-aurora-global",
    engineVersion: "16.6",
    instanceClass: "db.r6g.large",
    instanceCount: 2,
    availabilityZones: AZS[role],
    dbSubnetGroupName: `titan-${role}-db`,
    securityGroupIds: ["sg-0123456789abcdef0"],
    kmsKeyArn: KEYS[role],
    ...overrides,
  };
}

function synth(role: Role, overrides: Partial<AuroraClusterProps> = {}): string {
  return Testing.synthScope((scope) => {
    new AuroraCluster(scope, "Aurora", props(role, overrides));
  });
}

function resources(json: string, type: string): Record<string, unknown>[] {
  return Object.values((JSON.parse(json) as { resource?: Resources }).resource?.[type] ?? {});
}

describe.each<Role>(["primary", "dr"])("AuroraCluster (%s)", (role) => {
  const json = synth(role);
  const cluster = resources(json, "aws_rds_cluster")[0];

  it("joins the global cluster as an encrypted aurora-postgresql cluster named by the Namer", () => {
    expect(json).toHaveResourceWithProperties(RdsCluster, {
      cluster_identifier: `titan-${role}-aurora`,
      global_cluster_identifier: "titan-aurora-global",
      engine: "aurora-postgresql",
      engine_version: "16.6",
      engine_lifecycle_support: "open-source-rds-extended-support-disabled",
      storage_encrypted: true,
      kms_key_id: KEYS[role],
      db_subnet_group_name: `titan-${role}-db`,
      vpc_security_group_ids: ["sg-0123456789abcdef0"],
    });
  });

  it("is safe by default: deletion protection, final snapshot, 7-day backups kept after deletion", () => {
    expect(json).toHaveResourceWithProperties(RdsCluster, {
      deletion_protection: true,
      skip_final_snapshot: false,
      // Named after the key's id: each deployment has a new key, so a second teardown cannot collide.
      final_snapshot_identifier: `titan-${role}-aurora-final-\${element(split("/", "${KEYS[role]}"), 1)}`,
      backup_retention_period: 7,
      delete_automated_backups: false,
      copy_tags_to_snapshot: true,
      preferred_backup_window: "05:00-06:00",
      preferred_maintenance_window: "sun:08:00-sun:09:00",
    });
  });

  it("enables IAM database authentication and exports the server and IAM-auth-error logs", () => {
    expect(json).toHaveResourceWithProperties(RdsCluster, {
      iam_database_authentication_enabled: true,
      enabled_cloudwatch_logs_exports: ["postgresql", "iam-db-auth-error"],
    });
  });

  it("creates the exported logs' groups first, encrypted and with a retention, before RDS makes open ones", () => {
    const groups = resources(json, "aws_cloudwatch_log_group");
    const scope = role === "primary" ? "primary" : "dr";
    expect(groups).toHaveLength(2);
    expect(groups).toEqual(
      expect.arrayContaining(
        ["postgresql", "iam-db-auth-error"].map((logType) =>
          expect.objectContaining({
            name: `/aws/rds/cluster/titan-${scope}-aurora/${logType}`,
            kms_key_id: KEYS[role],
            retention_in_days: 90,
          }),
        ),
      ),
    );
    expect(cluster.depends_on).toEqual(groups.map(() => expect.stringMatching(/^aws_cloudwatch_log_group\./)));
  });

  it("requires TLS on the server through its own cluster parameter group", () => {
    const [group] = resources(json, "aws_rds_cluster_parameter_group");
    expect(group).toMatchObject({
      name: `titan-${role}-aurora`,
      family: "aurora-postgresql16",
      parameter: [{ name: "rds.force_ssl", value: "1", apply_method: "immediate" }],
    });
    expect(cluster.db_cluster_parameter_group_name).toMatch(/^\$\{aws_rds_cluster_parameter_group\..*\.name\}$/);
  });

  it("leaves the global database's RPO unbounded unless asked", () => {
    const [group] = resources(json, "aws_rds_cluster_parameter_group");
    expect((group.parameter as { name: string }[]).map((p) => p.name)).not.toContain("rds.global_db_rpo");
  });

  it("bounds the global database's RPO in its own parameter group when given globalRpoSeconds", () => {
    const [group] = resources(synth(role, { globalRpoSeconds: 45 }), "aws_rds_cluster_parameter_group");
    expect(group.parameter).toEqual([
      { name: "rds.force_ssl", value: "1", apply_method: "immediate" },
      { name: "rds.global_db_rpo", value: "45", apply_method: "immediate" },
    ]);
  });

  it("ignores the membership attributes AWS rewrites on failover, and engine upgrades made globally", () => {
    expect(cluster.lifecycle).toEqual({
      ignore_changes: expect.arrayContaining([
        "global_cluster_identifier",
        "replication_source_identifier",
        "engine_version",
      ]),
    });
  });

  it("leaves the AZs of the cluster's storage to Aurora (a shorter list forces replacement)", () => {
    expect(cluster).not.toHaveProperty("availability_zones");
  });

  it("runs instances with Performance Insights under the CMK, Enhanced Monitoring and no automatic minor upgrades", () => {
    const instances = resources(json, "aws_rds_cluster_instance");
    expect(instances).toHaveLength(2);
    for (const instance of instances) {
      expect(instance).toMatchObject({
        engine: "aurora-postgresql",
        instance_class: "db.r6g.large",
        publicly_accessible: false,
        auto_minor_version_upgrade: false,
        performance_insights_enabled: true,
        performance_insights_kms_key_id: KEYS[role],
        performance_insights_retention_period: 7,
        monitoring_interval: 60,
        monitoring_role_arn: expect.stringMatching(/^\$\{aws_iam_role\.Aurora_MonitoringRole_.*\.arn\}$/),
        depends_on: [
          expect.stringMatching(
            /^aws_iam_role_policy_attachment\.Aurora_MonitoringRole_ManagedPolicies_AmazonRDSEnhancedMonitoringRole_/,
          ),
        ],
      });
    }
    expect(instances.map((instance) => instance.identifier)).toEqual([
      `titan-${role}-aurora-1`,
      `titan-${role}-aurora-2`,
    ]);
  });

  it("gives Enhanced Monitoring a role of its own per region, trusted by RDS monitoring only for this cluster's instances", () => {
    const region = role === "primary" ? "us-east-2" : "us-west-1";
    expect(json).toHaveResourceWithProperties(IamRole, { name: `titan-${role}-rds-monitoring` });
    expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
    });
    expect(json).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        {
          sid: "EnhancedMonitoringOfThisClustersInstances",
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["monitoring.rds.amazonaws.com"] }],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: ["111122223333"] },
            {
              test: "ArnLike",
              variable: "aws:SourceArn",
              values: [`arn:aws:rds:${region}:111122223333:db:titan-${role}-aurora-*`],
            },
          ],
        },
      ],
    });
    // RDS sends the instance's ARN: every instance identifier must match the pattern.
    const instances = Object.values(JSON.parse(json).resource.aws_rds_cluster_instance) as { identifier: string }[];
    for (const instance of instances) {
      expect(instance.identifier).toMatch(new RegExp(`^titan-${role}-aurora-`));
    }
  });

  it("fails the plan unless the region offers the instance class for a global database", () => {
    expect(json).toHaveDataSourceWithProperties(DataAwsRdsOrderableDbInstance, {
      engine: "aurora-postgresql",
      engine_version: "16.6",
      instance_class: "db.r6g.large",
      supports_global_databases: true,
    });
    expect(synth(role, { verifyInstanceClassOffered: false })).not.toHaveDataSource(DataAwsRdsOrderableDbInstance);
  });
});

describe("AuroraCluster grants and metrics", () => {
  /** Runs `check` on a DR cluster built in a fresh scope. */
  function withCluster(check: (cluster: AuroraCluster) => void): void {
    Testing.synthScope((scope) => check(new AuroraCluster(scope, "Aurora", props("dr"))));
  }

  it("grants rds-db:connect on one database user of this cluster, by its resource id in its own region", () => {
    const statements: unknown[] = [];
    withCluster((cluster) =>
      cluster.grantConnect({ addToPolicy: (statement) => statements.push(statement) }, "birthday_app"),
    );
    expect(statements).toEqual([
      {
        sid: "ConnectToAuroraAsBirthdayApp",
        actions: ["rds-db:connect"],
        resources: [
          expect.stringMatching(
            /^arn:aws:rds-db:us-west-1:111122223333:dbuser:\$\{TfToken\[TOKEN\.\d+\]\}\/birthday_app$/,
          ),
        ],
      },
    ]);
  });

  it("refuses to grant a database user titan cannot create", () => {
    expect(() =>
      withCluster((cluster) => cluster.grantConnect({ addToPolicy: () => undefined }, "Birthday App")),
    ).toThrow(/dbUserArn\(username\): must be 1-63 lowercase letters, digits and underscores/);
  });

  it("describes its metrics: AWS/RDS by cluster, and by instance role writer then reader", () => {
    withCluster((cluster) => {
      expect(cluster.metric("AuroraGlobalDBReplicationLag", { stat: "Average" })).toEqual({
        namespace: "AWS/RDS",
        metricName: "AuroraGlobalDBReplicationLag",
        dimensions: { DBClusterIdentifier: cluster.clusterIdentifier },
        stat: "Average",
      });
      expect(cluster.metricByRole("CPUUtilization", "Average").map((metric) => metric.dimensions)).toEqual([
        { DBClusterIdentifier: cluster.clusterIdentifier, Role: "WRITER" },
        { DBClusterIdentifier: cluster.clusterIdentifier, Role: "READER" },
      ]);
    });
  });
});

describe("AuroraCluster roles", () => {
  it("creates the master user and database in the primary, with the write-only password", () => {
    expect(synth("primary")).toHaveResourceWithProperties(RdsCluster, {
      master_username: "birthday_admin",
      master_password_wo: PASSWORD_REF,
      master_password_wo_version: 1,
      database_name: "birthday",
    });
  });

  test.each(PRIMARY_ONLY_ARGS)("leaves %s to the global cluster in the secondary", (arg) => {
    expect(resources(synth("dr"), "aws_rds_cluster")[0]).not.toHaveProperty(arg);
  });

  test.each<Role>(["primary", "dr"])("never sets a plain or managed master password (%s)", (role) => {
    const cluster = resources(synth(role), "aws_rds_cluster")[0];
    expect(cluster).not.toHaveProperty("master_password");
    expect(cluster).not.toHaveProperty("manage_master_user_password");
    // Only its own log groups: nothing across stacks, nothing the other role builds.
    expect(cluster.depends_on).toEqual([
      expect.stringMatching(/^aws_cloudwatch_log_group\.Aurora_Logs_/),
      expect.stringMatching(/^aws_cloudwatch_log_group\.Aurora_Logs_/),
    ]);
  });
});

describe("AuroraCluster instance placement", () => {
  test.each<[Role, number, string[]]>([
    ["primary", 2, ["us-east-2a", "us-east-2b"]],
    ["primary", 1, ["us-east-2a"]],
    ["dr", 2, ["us-west-1b", "us-west-1c"]],
    ["dr", 3, ["us-west-1b", "us-west-1c", "us-west-1b"]],
  ])("%s with %i instances spreads them over %p", (role, instanceCount, zones) => {
    const instances = resources(synth(role, { instanceCount }), "aws_rds_cluster_instance");
    expect(instances.map((instance) => instance.availability_zone)).toEqual(zones);
  });
});

describe("AuroraCluster opt-outs", () => {
  it("skips the final snapshot only when told to", () => {
    const cluster = resources(synth("primary", { skipFinalSnapshot: true }), "aws_rds_cluster")[0];
    expect(cluster.skip_final_snapshot).toBe(true);
    expect(cluster).not.toHaveProperty("final_snapshot_identifier");
  });

  it("creates no monitoring role when Enhanced Monitoring is off", () => {
    const json = synth("primary", { monitoringIntervalSeconds: 0 });
    expect(json).not.toHaveResource(IamRole);
    expect(json).toHaveResourceWithProperties(RdsClusterInstance, { monitoring_interval: 0 });
    expect(resources(json, "aws_rds_cluster_instance")[0]).not.toHaveProperty("monitoring_role_arn");
  });

  it("takes other retention, windows and deletion protection", () => {
    const json = synth("dr", {
      backupRetentionDays: 35,
      performanceInsightsRetentionDays: 93,
      deletionProtection: false,
      preferredBackupWindow: "02:00-03:00",
      preferredMaintenanceWindow: "sat:04:00-sat:05:00",
    });
    expect(json).toHaveResourceWithProperties(RdsCluster, {
      backup_retention_period: 35,
      deletion_protection: false,
      preferred_backup_window: "02:00-03:00",
      preferred_maintenance_window: "sat:04:00-sat:05:00",
    });
    expect(json).toHaveResourceWithProperties(RdsClusterInstance, { performance_insights_retention_period: 93 });
  });
});

describe("AuroraCluster validation", () => {
  test.each<[string, Partial<AuroraClusterProps>, RegExp]>([
    ["no instances", { instanceCount: 0 }, /instanceCount: must be a whole number from 1 to 15 .* got 0/],
    [
      "16 instances",
      { instanceCount: 16 },
      /instanceCount: must be a whole number from 1 to 15 \(a writer and up to 14 readers\).*got 16/,
    ],
    [
      "a fractional instance count",
      { instanceCount: 1.5 },
      /instanceCount: must be a whole number from 1 to 15 \(a writer and up to 14 readers\).*got 1\.5/,
    ],
    [
      "a burstable class",
      { instanceClass: "db.t3.medium" },
      /instanceClass: "db\.t3\.medium" is burstable; Aurora global databases reject db\.t\* clas/,
    ],
    [
      "a class without db.",
      { instanceClass: "r6g.large" },
      /instanceClass: must be an RDS instance class such as db\.r6g\.large.*got "r6g\.large"/,
    ],
    [
      "an unpinned engine version",
      { engineVersion: "16" },
      /engineVersion: must be an aurora-postgresql major\.minor version such as 16\.11.*got "16"/,
    ],
    ["no AZs", { availabilityZones: [] }, /availabilityZones: must list at least one zone/],
    ["no security groups", { securityGroupIds: [] }, /securityGroupIds: must list at least one/],
    [
      "0 backup days",
      { backupRetentionDays: 0 },
      /backupRetentionDays: must be a whole number from 1 to 35 \(RDS's limit\).*got 0/,
    ],
    [
      "36 backup days",
      { backupRetentionDays: 36 },
      /backupRetentionDays: must be a whole number from 1 to 35 \(RDS's limit\).*got 36/,
    ],
    [
      "an RPO bound below Aurora's 20 s",
      { globalRpoSeconds: 10 },
      /globalRpoSeconds: must be a whole number from 20 to 2147483647 \(the range rds\.global_db_rpo accepts\).*got 10/,
    ],
    [
      "a malformed backup window",
      { preferredBackupWindow: "5-6" },
      /preferredBackupWindow: must be "hh24:mi-hh24:mi" .* got "5-6"/,
    ],
    [
      "a maintenance window without days",
      { preferredMaintenanceWindow: "08:00-09:00" },
      /preferredMaintenanceWindow: must be "ddd:hh24:mi-ddd:hh24:mi" in UTC.*got "08:00-09:00"/,
    ],
    [
      "8 days of Performance Insights",
      { performanceInsightsRetentionDays: 8 },
      /performanceInsightsRetentionDays: must be 7 or a multiple of 31 .* got 8/,
    ],
    [
      "762 days of Performance Insights",
      { performanceInsightsRetentionDays: 762 },
      /performanceInsightsRetentionDays: must be 7 or a multiple of 31 up to 731.*got 762/,
    ],
    [
      "a 45-second monitoring interval",
      { monitoringIntervalSeconds: 45 },
      /monitoringIntervalSeconds: must be one of 0, 1, 5, 10, 15, 30, 60, got 45/,
    ],
    [
      "a literal master password",
      {
        membership: {
          kind: "primary",
          masterUsername: "u",
          masterPasswordWo: "hunter22",
          masterPasswordWoVersion: 1,
          databaseName: "d",
        },
      },
      /masterPasswordWo: must reference an ephemeral value .* never a literal password/,
    ],
    [
      "a zero password version",
      {
        membership: {
          kind: "primary",
          masterUsername: "u",
          masterPasswordWo: PASSWORD_REF,
          masterPasswordWoVersion: 0,
          databaseName: "d",
        },
      },
      /membership\.masterPasswordWoVersion: must be a whole number of 1 or more \(bump it by one to rotate\).*got 0/,
    ],
  ])("rejects %s", (_, overrides, message) => {
    expect(() => synth("primary", overrides)).toThrow(message);
  });

  it("reports every problem at once, naming the cluster", () => {
    expect(() => synth("dr", { instanceCount: 0, monitoringIntervalSeconds: 7 })).toThrow(
      /instanceCount: must be a whole number from 1 to 15 \(a writer and up to 14 readers\).*got 0/,
    );
  });

  it("never prints the literal password it rejects", () => {
    const membership = {
      kind: "primary",
      masterUsername: "u",
      masterPasswordWo: "hunter22",
      masterPasswordWoVersion: 1,
      databaseName: "d",
    } as const;
    expect(() => synth("primary", { membership })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("hunter22") }),
    );
  });
});
