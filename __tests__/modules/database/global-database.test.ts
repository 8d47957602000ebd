import { Testing } from "cdktf";
import { primaryDatabaseStack } from "./global-database-fixture";

describe("Primary database wiring", () => {
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
