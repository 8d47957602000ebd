/**
 * Every stateful store of the writer's region has its counterpart in the other region: the Aurora
 * secondary in the same global cluster, replicas of the secrets, replicated images and logs, backup
 * copies in the other region's vault, and a declared Redis strategy.
 */
import { STACK_NAMES } from "../../../app";
import { BackupVault } from "../../../modules/backup/backup-vault";
import { DatabaseCredentials } from "../../../modules/database/db-credentials";
import { OriginVerifySecret } from "../../../modules/edge/origin-verify-secret";
import { LogArchiveBucket } from "../../../modules/storage/log-buckets";
import { Namer } from "../../../naming";
import { referencedLogicalId, resourcesOfType } from "../synthesized";
import { type Invariant, list, problems } from "./invariant";

export const auroraSecondary: Invariant = {
  id: "aurora-secondary",
  statement: "DR's Aurora cluster joins the global cluster primary creates, by its configured identifier",
  check({ config, stacks }) {
    const id = config.database.globalClusterIdentifier;
    const [global] = resourcesOfType(stacks, STACK_NAMES.primary, "aws_rds_global_cluster");
    const [primary] = resourcesOfType(stacks, STACK_NAMES.primary, "aws_rds_cluster");
    const [dr] = resourcesOfType(stacks, STACK_NAMES.dr, "aws_rds_cluster");
    return problems([
      global?.attributes.global_cluster_identifier !== id && `primary creates no global cluster ${id}`,
      referencedLogicalId(primary?.attributes.global_cluster_identifier, "aws_rds_global_cluster") !==
        global?.logicalId && "primary's cluster is not a member of the global cluster",
      dr?.attributes.global_cluster_identifier !== id && `DR's cluster does not join ${id}`,
    ]);
  },
};

export const secretReplicas: Invariant = {
  id: "secret-replicas",
  statement:
    "the secrets DR needs from primary (the database master, the origin-verify value) are replicated to DR's region; Grafana's admin is generated per region",
  check({ config, stacks }) {
    const namer = new Namer(config.project, "primary", config.bucketSuffix);
    const secrets = resourcesOfType(stacks, STACK_NAMES.primary, "aws_secretsmanager_secret");
    return [DatabaseCredentials.secretName(namer), OriginVerifySecret.secretName(namer)].flatMap((name) => {
      const secret = secrets.find((candidate) => candidate.attributes.name === name);
      if (!secret) {
        return [`primary writes no secret ${name}`];
      }
      const replicated = list(secret.attributes.replica).some((replica) => replica.region === config.regions.dr.region);
      return replicated ? [] : [`secret ${name} has no replica in ${config.regions.dr.region}`];
    });
  },
};

export const imageReplication: Invariant = {
  id: "image-replication",
  statement: "every ECR repository of primary is replicated to DR's region, so DR can deploy while primary is down",
  check({ config, stacks }) {
    const rules = resourcesOfType(stacks, STACK_NAMES.primary, "aws_ecr_replication_configuration").flatMap((r) =>
      list(list(r.attributes.replication_configuration)[0]?.rule),
    );
    const toDr = rules.filter((rule) => list(rule.destination).some((d) => d.region === config.regions.dr.region));
    const prefixes = toDr.flatMap((rule) => list(rule.repository_filter).map((f) => String(f.filter)));
    return resourcesOfType(stacks, STACK_NAMES.primary, "aws_ecr_repository")
      .map((repository) => String(repository.attributes.name))
      .filter((name) => !prefixes.some((prefix) => name.startsWith(prefix)))
      .map((name) => `ECR repository ${name} is not replicated to ${config.regions.dr.region}`);
  },
};

export const logReplication: Invariant = {
  id: "log-replication",
  statement: "primary's log archive replicates to DR's, with Replication Time Control",
  check({ config, stacks }) {
    const source = LogArchiveBucket.bucketName(new Namer(config.project, "primary", config.bucketSuffix));
    const target = `arn:aws:s3:::${LogArchiveBucket.bucketName(new Namer(config.project, "dr", config.bucketSuffix))}`;
    const replication = resourcesOfType(
      stacks,
      STACK_NAMES.crossRegion,
      "aws_s3_bucket_replication_configuration",
    ).find((r) => r.attributes.bucket === source);
    const rule = list(replication?.attributes.rule).find((r) => list(r.destination)[0]?.bucket === target);
    const timed = list(list(rule?.destination)[0]?.replication_time)[0]?.status === "Enabled";
    return problems([
      !replication && `nothing replicates ${source}`,
      replication && !rule && `${source} does not replicate to ${target}`,
      rule && !timed && `${source} replicates without Replication Time Control`,
    ]);
  },
};

export const backupCopies: Invariant = {
  id: "backup-copies",
  statement:
    "the writer's region backs up its cluster daily and copies every recovery point to the other region's vault",
  check({ config, stacks }) {
    const active = config.dr.activeRole;
    const other = active === "primary" ? "dr" : "primary";
    const vault = BackupVault.vaultName(new Namer(config.project, other, config.bucketSuffix));
    const plans = resourcesOfType(stacks, STACK_NAMES[active], "aws_backup_plan");
    const copies = plans.flatMap((plan) => list(plan.attributes.rule)).flatMap((rule) => list(rule.copy_action));
    const toOther = copies.some((copy) =>
      new RegExp(`^arn:aws:backup:${config.regions[other].region}:.*:backup-vault:${vault}$`).test(
        String(copy.destination_vault_arn),
      ),
    );
    const vaultExists = resourcesOfType(stacks, STACK_NAMES[other], "aws_backup_vault").some(
      (candidate) => candidate.attributes.name === vault,
    );
    return problems([
      plans.length === 0 && `${active}, the writer's region, has no backup plan`,
      plans.length > 0 &&
        !toOther &&
        `${active}'s backup plan copies nothing to ${vault} in ${config.regions[other].region}`,
      !vaultExists && `${other} creates no vault ${vault} for the copies`,
    ]);
  },
};

export const cacheStrategy: Invariant = {
  id: "cache-strategy",
  statement:
    "Redis has a declared DR strategy: a cache of its own in each region, or DR's joining the Global Datastore",
  check({ config, stacks }) {
    const group = (role: "primary" | "dr") =>
      resourcesOfType(stacks, STACK_NAMES[role], "aws_elasticache_replication_group")[0];
    const [global] = resourcesOfType(stacks, STACK_NAMES.primary, "aws_elasticache_global_replication_group");
    const problems = (["primary", "dr"] as const)
      .filter((role) => !group(role))
      .map((role) => `${role} has no Redis replication group`);
    if (config.cache.globalDatastore) {
      return [
        ...problems,
        ...(!global ? ["cache.globalDatastore is on, but primary creates no Global Datastore"] : []),
        ...(group("dr") && !group("dr").attributes.global_replication_group_id
          ? ["DR's Redis does not join the Global Datastore"]
          : []),
      ];
    }
    return [...problems, ...(global ? ["a Global Datastore exists although cache.globalDatastore is off"] : [])];
  },
};

export const COUNTERPART_INVARIANTS: readonly Invariant[] = [
  auroraSecondary,
  secretReplicas,
  imageReplication,
  logReplication,
  backupCopies,
  cacheStrategy,
];
