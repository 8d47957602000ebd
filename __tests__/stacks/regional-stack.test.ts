import { buildApp, resourcesOf, type SynthesizedStack, synthJson, testConfig } from "../support/synth";

/** Every string in a synthesized stack, with the JSON path that leads to it. */
function strings(node: unknown, path = ""): [string, string][] {
  if (typeof node === "string") {
    return [[path, node]];
  }
  if (Array.isArray(node)) {
    return node.flatMap((item, index) => strings(item, `${path}[${index}]`));
  }
  if (typeof node === "object" && node !== null) {
    return Object.entries(node).flatMap(([key, value]) => strings(value, `${path}.${key}`));
  }
  return [];
}

// The generated password, and the secret version read back, both ephemeral.
const EPHEMERAL = /ephemeral\.aws_secretsmanager_(random_password|secret_version)\./;
// The secret document is write-only JSON whose password field is the generated ephemeral value...
const SECRET_DOCUMENT =
  /^\$\{jsonencode\(\{.*"password" = ephemeral\.aws_secretsmanager_random_password\.[\w-]+\.random_password(,.*)?\}\)\}$/;
// The origin-verify document: a generated value as current (and, at generation 1, as previous).
const ORIGIN_VERIFY_DOCUMENT =
  /^\$\{jsonencode\(\{"generation" = \d+, "current" = ephemeral\.aws_secretsmanager_random_password\.[\w-]+\.random_password, "previous" = .*\}\)\}$/;
// ...and every other credential is that document's password read back, never the generated value itself.
const SECRET_READ_BACK =
  /^\$\{jsondecode\(ephemeral\.aws_secretsmanager_secret_version\.[\w-]+\.secret_string\)(\.password|\["password"\])\}$/;
// Write-only arguments (`*_wo`, `data_wo.<key>`): the only places an ephemeral value may go.
const WRITE_ONLY_PATH = /\.[a-z_]+_wo(\.|$)/;

/**
 * Checks every credential-like field of a synthesized stack holds only an ephemeral reference (the
 * generated password in the secret, the secret read back elsewhere), and that ephemeral values
 * appear nowhere else; returns the fields it checked.
 */
function passwordFields(stack: string, json: SynthesizedStack): [string, string][] {
  expect(JSON.stringify(json)).not.toMatch(/securepassword|super-secure-password/);
  const fields: [string, string][] = [];
  for (const [path, value] of strings(json)) {
    const key = path.slice(path.lastIndexOf(".") + 1);
    const credential = /password|auth_token|secret_string/i.test(key) && !/version|exclude_characters/.test(key);
    if (credential) {
      const document = path.includes("OriginVerifySecret") ? ORIGIN_VERIFY_DOCUMENT : SECRET_DOCUMENT;
      const expected = key === "secret_string_wo" ? document : SECRET_READ_BACK;
      expect({ stack, path, value }).toEqual({ stack, path, value: expect.stringMatching(expected) });
      fields.push([stack, path]);
    } else if (EPHEMERAL.test(value) && !WRITE_ONLY_PATH.test(path)) {
      throw new Error(`${stack}${path} uses an ephemeral password outside a write-only argument`);
    }
  }
  return fields;
}

function only<T>(byName: Record<string, T>): T {
  const values = Object.values(byName);
  expect(values).toHaveLength(1);
  return values[0];
}

describe("RegionalStack", () => {
  const stacks = buildApp(testConfig({ bucketSuffix: "111122223333" }));
  const primary = synthJson(stacks.primary);
  const dr = synthJson(stacks.dr);

  test.each([
    ["primary", primary, 9, 3],
    ["dr", dr, 6, 1],
  ] as const)("%s has three subnets per AZ (%i) and its NAT choice (%i)", (_role, json, subnets, nats) => {
    expect(Object.keys(resourcesOf(json, "aws_subnet"))).toHaveLength(subnets);
    expect(Object.keys(resourcesOf(json, "aws_nat_gateway"))).toHaveLength(nats);
  });

  it("gives DR one NAT per AZ when configured", () => {
    const perAz = synthJson(buildApp(testConfig({ regions: { dr: { natGateways: "perAz" } } })).dr);
    expect(Object.keys(resourcesOf(perAz, "aws_nat_gateway"))).toHaveLength(2);
  });

  it("creates the Aurora global cluster in primary only", () => {
    expect(only(resourcesOf(primary, "aws_rds_global_cluster"))).toMatchObject({
      global_cluster_identifier: "titan-aurora-global",
      engine: "aurora-postgresql",
      storage_encrypted: true,
    });
    expect(resourcesOf(dr, "aws_rds_global_cluster")).toEqual({});
  });

  it("joins DR to the global cluster by its configured identifier, under DR's own key, without credentials", () => {
    const cluster = only(resourcesOf(dr, "aws_rds_cluster"));
    expect(cluster.global_cluster_identifier).toBe("titan-aurora-global");
    expect(cluster.kms_key_id).toMatch(/^\$\{aws_kms_key\.DataKey.*\.arn\}$/);
    expect(cluster).not.toHaveProperty("master_username");
    expect(cluster).not.toHaveProperty("master_password_wo");
    const primaryCluster = only(resourcesOf(primary, "aws_rds_cluster"));
    expect(primaryCluster.global_cluster_identifier).toMatch(/^\$\{aws_rds_global_cluster\./);
    expect(primaryCluster.master_username).toBe("birthday_admin");
  });

  test.each([
    ["primary", primary],
    ["dr", dr],
  ] as const)("%s guards its Aurora cluster against detaching on re-apply", (_role, json) => {
    const cluster = only(resourcesOf(json, "aws_rds_cluster")) as { lifecycle: { ignore_changes: string[] } };
    expect(cluster.lifecycle.ignore_changes).toEqual(
      expect.arrayContaining(["global_cluster_identifier", "replication_source_identifier"]),
    );
  });

  it("points each region's generic DB names at its own cluster: db at the writer in primary, the reader in DR", () => {
    const targets = (json: SynthesizedStack) =>
      Object.fromEntries(
        Object.values(resourcesOf(json, "aws_route53_record"))
          .filter((r) => r.type === "CNAME")
          .map((r) => [r.name, r.records]),
      );
    expect(targets(primary)).toEqual({
      "db.titan.internal": [expect.stringMatching(/^\$\{aws_rds_cluster\.Aurora_.*\.endpoint\}$/)],
      "db-reader.titan.internal": [expect.stringMatching(/^\$\{aws_rds_cluster\.Aurora_.*\.reader_endpoint\}$/)],
    });
    expect(targets(dr)).toEqual({
      "db.titan.internal": [expect.stringMatching(/^\$\{aws_rds_cluster\.Aurora_.*\.reader_endpoint\}$/)],
      "db-reader.titan.internal": [expect.stringMatching(/^\$\{aws_rds_cluster\.Aurora_.*\.reader_endpoint\}$/)],
    });
    expect(JSON.stringify(dr)).not.toContain("aws_rds_global_cluster");
  });

  it("lets both clusters forward writes to the global writer, so the standby region's app can write", () => {
    for (const json of [primary, dr]) {
      expect(only(resourcesOf(json, "aws_rds_cluster"))).toMatchObject({ enable_global_write_forwarding: true });
    }
  });

  it("needs nothing from primary for DR's database, so DR plans while the primary region is down", () => {
    expect(resourcesOf(primary, "aws_ssm_parameter")).toEqual({});
    expect(primary.provider?.aws?.map((provider) => provider.alias)).toEqual([undefined]);
    expect(dr.data).not.toHaveProperty("aws_ssm_parameter");
    // Nothing in DR reaches into us-east-2: no remote state, no provider there.
    expect(dr.data).not.toHaveProperty("terraform_remote_state");
    expect((dr.provider?.aws ?? []).map((provider) => provider.region)).toEqual(["us-west-1"]);
  });

  it("never puts a password literal in any synthesized stack, k8s stacks and chart values included", () => {
    const checked = Object.values(stacks).flatMap((stack) => passwordFields(stack.node.id, synthJson(stack)));
    expect(checked.map(([stack, path]) => `${stack}${path}`)).toEqual([
      expect.stringMatching(/^primary\.resource\.aws_rds_cluster\..*\.master_password_wo$/),
      expect.stringMatching(
        /^primary\.resource\.aws_secretsmanager_secret_version\.DatabaseCredentials_.*\.secret_string_wo$/,
      ),
      expect.stringMatching(
        /^primary\.resource\.aws_secretsmanager_secret_version\.GrafanaAdmin_.*\.secret_string_wo$/,
      ),
      expect.stringMatching(
        /^primary\.resource\.aws_secretsmanager_secret_version\.OriginVerifySecret_.*\.secret_string_wo$/,
      ),
      expect.stringMatching(/^dr\.resource\.aws_secretsmanager_secret_version\.GrafanaAdmin_.*\.secret_string_wo$/),
      "primary-k8s.resource.kubernetes_secret_v1.Platform_GrafanaAdminSecret_3A0AFB9C.data_wo.admin-password",
      "dr-k8s.resource.kubernetes_secret_v1.Platform_GrafanaAdminSecret_3A0AFB9C.data_wo.admin-password",
    ]);
  });

  it("backs Aurora up daily in primary and copies to DR's vault", () => {
    const plan = only(resourcesOf(primary, "aws_backup_plan")) as {
      rule: { copy_action: { destination_vault_arn: string }[] }[];
    };
    expect(plan.rule[0].copy_action[0].destination_vault_arn).toBe(
      "arn:aws:backup:us-west-1:${data.aws_caller_identity.Account.account_id}:backup-vault:titan-dr-backup",
    );
    expect(resourcesOf(dr, "aws_backup_plan")).toEqual({});
    expect(Object.keys(resourcesOf(dr, "aws_backup_vault"))).toHaveLength(1);
  });

  it("publishes the outputs later stacks need, by fixed names", () => {
    const expected = [
      "vpc_id",
      "private_subnet_ids",
      "app_security_group_id",
      "kms_key_arn",
      "db_hostname",
      "cache_primary_endpoint",
    ];
    expect(Object.keys(primary.output ?? {})).toEqual(
      expect.arrayContaining([...expected, "aurora_global_writer_endpoint", "db_secret_arn"]),
    );
    expect(Object.keys(dr.output ?? {})).toEqual(expect.arrayContaining(expected));
    expect(dr.output).not.toHaveProperty("aurora_global_writer_endpoint");
  });

  it("hands the Global Datastore id from primary to DR when the datastore is on", () => {
    const both = buildApp(testConfig({ cache: { globalDatastore: true, nodeType: "cache.r6g.large" } }));
    expect(synthJson(both.primary).output).toHaveProperty("cache_global_replication_group_id");
    const secondary = only(resourcesOf(synthJson(both.dr), "aws_elasticache_replication_group"));
    expect(secondary.global_replication_group_id).toBe(
      "${data.aws_ssm_parameter.Handoff-cache-global-replication-group-id.insecure_value}",
    );
    const handedOff = Object.values(resourcesOf(synthJson(both.primary), "aws_ssm_parameter")).map((p) => p.name);
    expect(handedOff).toContain("/titan/handoff/cache-global-replication-group-id");
  });
});

describe("CrossRegionStack", () => {
  const json = synthJson(buildApp().crossRegion);

  it("replicates primary's log archive into DR's with replication time control", () => {
    const replication = only(resourcesOf(json, "aws_s3_bucket_replication_configuration")) as {
      bucket: string;
      rule: { destination: { bucket: string; replication_time: { status: string } } }[];
    };
    expect(replication.bucket).toBe("titan-primary-log-archive");
    expect(replication.rule[0].destination).toMatchObject({
      bucket: "arn:aws:s3:::titan-dr-log-archive",
      replication_time: { status: "Enabled" },
    });
  });

  it("finds DR's key through the DR-region provider", () => {
    expect(json.data?.aws_kms_alias?.DrDataKey).toMatchObject({ name: "alias/titan-dr-data", provider: "aws.dr" });
  });
});
