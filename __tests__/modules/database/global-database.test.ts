import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { AuroraCluster } from "../../../src/modules/database/aurora-cluster";
import { AuroraGlobalCluster } from "../../../src/modules/database/aurora-global-cluster";
import { DatabaseCredentials } from "../../../src/modules/database/db-credentials";
import { InternalZone } from "../../../src/modules/dns/internal-zone";
import { Namer } from "../../../src/naming";

/** The primary region's database as the regional stack wires it: credentials, global and regional clusters, generic names. */
function primaryDatabaseStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "database");
  new AwsProvider(stack, "aws", { region: "us-east-2" });
  const namer = new Namer("titan", "primary");
  const kmsKeyArn = "arn:aws:kms:us-east-2:111122223333:key/11111111-2222-3333-4444-555555555555";
  const zone = "titan.internal";

  const credentials = new DatabaseCredentials(stack, "DbCredentials", {
    namer,
    kmsKeyArn,
    replicaRegion: "us-west-1",
    username: "birthday_admin",
    databaseName: "birthday",
    host: `db.${zone}`,
  });
  const global = new AuroraGlobalCluster(stack, "AuroraGlobal", {
    identifier: "titan-aurora-global",
    engineVersion: "16.6",
    databaseName: "birthday",
  });
  const aurora = new AuroraCluster(stack, "Aurora", {
    namer,
    region: "us-east-2",
    accountId: "111122223333",
    membership: {
      kind: "primary",
      masterUsername: "birthday_admin",
      masterPasswordWo: credentials.passwordExpression,
      masterPasswordWoVersion: credentials.passwordVersion,
      databaseName: "birthday",
    },
    globalClusterIdentifier: global.identifier,
    engineVersion: "16.6",
    instanceClass: "db.r6g.large",
    instanceCount: 2,
    availabilityZones: ["us-east-2a", "us-east-2b", "us-east-2c"],
    dbSubnetGroupName: "titan-primary-db",
    securityGroupIds: ["sg-0123456789abcdef0"],
    kmsKeyArn,
  });
  new InternalZone(stack, "InternalZone", {
    zoneName: zone,
    vpcId: "vpc-0123456789abcdef0",
    region: "us-east-2",
    cnames: { db: global.endpoint, "db-reader": aurora.readerEndpoint },
  });
  return stack;
}

describe("Primary database wiring", () => {
  it("is valid Terraform, ephemeral password, its read-back and write-only arguments included", () => {
    expect(Testing.fullSynth(primaryDatabaseStack())).toBeValidTerraform();
  });

  it("joins the primary cluster to the global cluster by reference, so Terraform creates the global one first", () => {
    const parsed = JSON.parse(Testing.synth(primaryDatabaseStack())) as {
      resource: Record<string, Record<string, Record<string, unknown>>>;
    };
    const [cluster] = Object.values(parsed.resource.aws_rds_cluster);
    expect(cluster.global_cluster_identifier).toMatch(/^\$\{aws_rds_global_cluster\.AuroraGlobal_.*\.id\}$/);
  });

  it("sends the cluster the password the secret holds, read back after the secret version is written", () => {
    const parsed = JSON.parse(Testing.synth(primaryDatabaseStack())) as {
      ephemeral: Record<string, Record<string, Record<string, unknown>>>;
      resource: Record<string, Record<string, Record<string, unknown>>>;
    };
    const [cluster] = Object.values(parsed.resource.aws_rds_cluster);
    const [[versionName, version]] = Object.entries(parsed.resource.aws_secretsmanager_secret_version);
    const [[readBackName, readBack]] = Object.entries(parsed.ephemeral.aws_secretsmanager_secret_version);

    // Not the generator: a new random value each run, which the secret may not hold after a failed apply.
    expect(cluster.master_password_wo).not.toContain("random_password");
    expect(cluster.master_password_wo).toBe(
      `\${jsondecode(ephemeral.aws_secretsmanager_secret_version.${readBackName}.secret_string).password}`,
    );
    expect(readBack.version_id).toBe(`\${aws_secretsmanager_secret_version.${versionName}.version_id}`);
    expect(readBack.depends_on).toEqual([`aws_secretsmanager_secret_version.${versionName}`]);
    expect(cluster.master_password_wo_version).toBe(version.secret_string_wo_version);
  });
});
