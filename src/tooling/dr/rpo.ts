/**
 * What each data store loses when the writer's region is lost, read from the resources that
 * replicate it. Only the data the service cannot rebuild (Aurora) is held to `dr.rpoSeconds`; the
 * other rows say why they are not.
 */
import { STACK_NAMES } from "../../app";
import type { RegionRole } from "../../config";
import { AWS_DOCS, AWS_FIGURES } from "./aws-facts";
import { longestCronGapSeconds } from "./cron";
import type { BudgetInput } from "./rto/input";
import { type FoundResource, resourcesOfType } from "./synthesized";
import { configSource, docSource, type RpoRow, synthSource } from "./terms";

const NOT_SERVICE_DATA = "not the service's data";

function list(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) {
    return value as Record<string, unknown>[];
  }
  return typeof value === "object" && value !== null ? [value as Record<string, unknown>] : [];
}

/** Aurora: bounded by rds.global_db_rpo in the writer's parameter group, else typically under a second. */
function auroraRow(input: BudgetInput, from: RegionRole): RpoRow {
  const store = "Aurora (the service's data)";
  const hasGlobal = Object.keys(input.stacks).some(
    (stack) => resourcesOfType(input.stacks, stack, "aws_rds_global_cluster").length > 0,
  );
  if (!hasGlobal) {
    return {
      id: "aurora",
      store,
      seconds: null,
      kind: "none",
      // titan always builds the global database; synth output without one is not titan's.
      detail: "no global database in the synthesized stacks: the other region holds no copy of the data",
      judged: true,
      sources: [],
    };
  }
  for (const group of resourcesOfType(input.stacks, STACK_NAMES[from], "aws_rds_cluster_parameter_group")) {
    const parameters = list(group.attributes.parameter);
    const index = parameters.findIndex((parameter) => parameter.name === "rds.global_db_rpo");
    if (index >= 0) {
      const seconds = Number(parameters[index].value);
      return {
        id: "aurora",
        store,
        seconds,
        kind: "bound",
        detail: `at most ${seconds} s: commits pause in ${from} whenever the other region lags more`,
        judged: true,
        sources: [
          synthSource(group, `parameter[${index}].value`),
          configSource("database.globalRpoSeconds"),
          docSource(AWS_DOCS.auroraRpoBound),
        ],
      };
    }
  }
  const typical = AWS_FIGURES.auroraReplicationLag;
  return {
    id: "aurora",
    store,
    seconds: typical.seconds,
    kind: "typical",
    detail: `typically under ${typical.seconds} s of replication lag, with no upper bound (database.globalRpoSeconds is null); the replication-lag alarm pages past 1 s`,
    judged: true,
    sources: [docSource(typical), docSource(AWS_DOCS.auroraRpoTypical), configSource("database.globalRpoSeconds")],
  };
}

/** Secrets written in `from` and replicated elsewhere: they change only when an apply rotates them. */
function secretRows(input: BudgetInput, from: RegionRole): RpoRow[] {
  return resourcesOfType(input.stacks, STACK_NAMES[from], "aws_secretsmanager_secret")
    .filter((secret) => list(secret.attributes.replica).length > 0)
    .map((secret) => {
      const regions = list(secret.attributes.replica).map((replica) => String(replica.region));
      return {
        id: `secret:${String(secret.attributes.name)}`,
        store: `secret ${String(secret.attributes.name)}`,
        seconds: null,
        kind: "none",
        detail: `replicas in ${regions.join(", ")} kept in sync by Secrets Manager (replication time unpublished); its value changes only when an apply rotates it`,
        judged: false,
        notJudgedBecause: `${NOT_SERVICE_DATA}: a rotation in flight at the failure is redone after recovery`,
        sources: [synthSource(secret, "replica"), docSource(AWS_DOCS.secretReplication)],
      } satisfies RpoRow;
    });
}

/** Log archives replicated out of `from` with Replication Time Control. */
function logRows(input: BudgetInput, from: RegionRole): RpoRow[] {
  if (from !== "primary") {
    return [
      {
        id: "logs",
        store: `${from}'s log archive`,
        seconds: null,
        kind: "none",
        detail: `not replicated: what ${from} archived is lost with the region`,
        judged: false,
        notJudgedBecause: `${NOT_SERVICE_DATA}: flow logs and archives, not state the app needs`,
        sources: [],
      },
    ];
  }
  return resourcesOfType(input.stacks, STACK_NAMES.crossRegion, "aws_s3_bucket_replication_configuration").flatMap(
    (configuration: FoundResource) =>
      list(configuration.attributes.rule).map((rule, index) => {
        const time = list(list(list(rule.destination)[0]?.replication_time)[0]?.time)[0];
        const minutes = typeof time?.minutes === "number" ? time.minutes : undefined;
        return {
          id: `logs:${String(rule.id)}`,
          store: `${from}'s log archive (S3 replication)`,
          seconds: minutes === undefined ? null : minutes * 60,
          kind: minutes === undefined ? "none" : "bound",
          detail:
            minutes === undefined
              ? "replicated without Replication Time Control: no published bound"
              : `99.99% of objects within ${minutes} min (Replication Time Control), the rest later`,
          judged: false,
          notJudgedBecause: `${NOT_SERVICE_DATA}: flow logs and archives, not state the app needs`,
          sources: [
            synthSource(configuration, `rule[${index}].destination.replication_time.time.minutes`),
            docSource(AWS_DOCS.s3ReplicationTimeControl),
          ],
        } satisfies RpoRow;
      }),
  );
}

/** The writer's daily backups, copied to the other region's vault. */
function backupRows(input: BudgetInput, from: RegionRole): RpoRow[] {
  return resourcesOfType(input.stacks, STACK_NAMES[from], "aws_backup_plan").flatMap((plan) =>
    list(plan.attributes.rule).map((rule, index) => {
      const schedule = String(rule.schedule);
      const copied = list(rule.copy_action).length > 0;
      return {
        id: `backup:${String(rule.rule_name)}`,
        store: `AWS Backup of the writer (${String(rule.rule_name)})`,
        seconds: copied ? longestCronGapSeconds(schedule) : null,
        kind: copied ? "schedule" : "none",
        detail: copied
          ? `a copy in the other region's vault at most one run old (${schedule}), plus the copy's duration (unpublished)`
          : "not copied to the other region",
        judged: false,
        notJudgedBecause: "restore points against corruption; a region's loss is covered by the global database",
        sources: [synthSource(plan, `rule[${index}].schedule`), docSource(AWS_DOCS.backupSchedule)],
      } satisfies RpoRow;
    }),
  );
}

function cacheRow(input: BudgetInput, to: RegionRole): RpoRow {
  const global = Object.keys(input.stacks).flatMap((stack) =>
    resourcesOfType(input.stacks, stack, "aws_elasticache_global_replication_group"),
  );
  const notJudgedBecause = "a cache: the app rebuilds its entries from Aurora";
  if (global.length > 0) {
    return {
      id: "cache",
      store: "Redis (Global Datastore)",
      seconds: null,
      kind: "typical",
      detail: "asynchronous replication; lag unpublished (the cache replication-lag alarms watch it)",
      judged: false,
      notJudgedBecause,
      sources: [synthSource(global[0], "global_replication_group_id_suffix"), docSource(AWS_DOCS.cacheGlobalDatastore)],
    };
  }
  return {
    id: "cache",
    store: "Redis",
    seconds: null,
    kind: "none",
    detail: `${to}'s cache is its own and starts cold: every cached entry`,
    judged: false,
    notJudgedBecause,
    sources: [configSource("cache.globalDatastore")],
  };
}

function imageRows(input: BudgetInput, from: RegionRole): RpoRow[] {
  return resourcesOfType(input.stacks, STACK_NAMES[from], "aws_ecr_replication_configuration").map((replication) => ({
    id: "images",
    store: "container images and charts (ECR)",
    seconds: null,
    kind: "none",
    detail:
      "pushes replicate to the other region (replication time unpublished); DR deploys only from what arrived (break-glass deploy)",
    judged: false,
    notJudgedBecause: "build artifacts: rebuilt from the repositories",
    sources: [synthSource(replication, "replication_configuration"), docSource(AWS_DOCS.ecrReplication)],
  }));
}

/** Every data store's loss in an unplanned failover away from `from`. */
export function rpoRows(input: BudgetInput): RpoRow[] {
  const from = input.config.dr.activeRole;
  const to: RegionRole = from === "primary" ? "dr" : "primary";
  return [
    auroraRow(input, from),
    ...secretRows(input, from),
    ...logRows(input, from),
    ...backupRows(input, from),
    cacheRow(input, to),
    ...imageRows(input, from),
  ];
}
