/**
 * What the failover runbook acts on, read from the stacks synthesized from the config it runs with
 * (whose `dr.activeRole` is where the writer must end up): names and sizes come from the stacks,
 * regions from the config, and only what AWS generates (ARNs, endpoints, zone and health-check ids)
 * is looked up live. The runbook makes AWS match these stacks, so the next apply has nothing left
 * to change in what it did.
 */
import { STACK_NAMES } from "../../app";
import { REGION_ROLES, type RegionRole, type TitanConfig } from "../../config";
import { AURORA_GLOBAL_REPLICATION_LAG } from "../../modules/database/aurora-cluster";
import { originHostname, regionalOriginHostname } from "../../modules/edge/origin-names";
import { databaseHostname } from "../../stacks/regional/data-tier";
import {
  type FoundResource,
  numberAt,
  oneResource,
  referencedAttribute,
  referencedLogicalId,
  resourcesOfType,
  SynthesizedStackError,
  type SynthesizedStacks,
} from "../dr/synthesized";

/** One managed node group and the range its stack gives it (its desired size stays the live one). */
export interface NodeGroupTarget {
  readonly nodeGroupName: string;
  readonly minSize: number;
  readonly maxSize: number;
}

/** How big a region's app tier must be: its on-demand node groups (one per zone), or its EC2 web tier's group. */
export type CapacityTarget =
  | {
      readonly kind: "node-groups";
      readonly clusterName: string;
      /** Every on-demand group of the region, one per zone. */
      readonly groups: readonly NodeGroupTarget[];
    }
  | {
      readonly kind: "auto-scaling-group";
      readonly name: string;
      readonly minSize: number;
      readonly maxSize: number;
      readonly desiredCapacity: number;
    };

export interface RegionTargets {
  readonly role: RegionRole;
  readonly region: string;
  readonly clusterIdentifier: string;
  /** The generic DB name and what it must point at: the cluster's writer or reader endpoint. */
  readonly dbName: {
    readonly name: string;
    readonly ttl: number;
    readonly endpoint: "endpoint" | "reader_endpoint";
    readonly zoneName: string;
  };
  readonly capacity: CapacityTarget;
  readonly replicationGroupId: string;
}

/** One record of the failover pair, as the global stack declares it. */
export interface FailoverRecordTarget {
  readonly setIdentifier: string;
  readonly failover: "PRIMARY" | "SECONDARY";
  readonly aliasName: string;
  readonly evaluateTargetHealth: boolean;
  /** The FQDN of the health check the record must carry (its id is looked up live). */
  readonly healthCheckFqdn: string;
}

export interface RecoveryTargets {
  /** Where the writer must end up (`dr.activeRole` of the config the runbook runs with). */
  readonly writer: RegionRole;
  readonly globalClusterIdentifier: string;
  readonly regions: Readonly<Record<RegionRole, RegionTargets>>;
  readonly failover: {
    readonly hostedZoneId: string;
    readonly name: string;
    readonly records: readonly FailoverRecordTarget[];
  };
  /** Each region's origin name, which its health check probes. */
  readonly originNames: Readonly<Record<RegionRole, string>>;
  /** The metric Aurora publishes from the secondary cluster, as the stacks' lag alarm reads it. */
  readonly replicationLagMetric: { readonly namespace: string; readonly metricName: string };
  /** Set when Redis is a Global Datastore: its id's suffix (AWS prefixes it per region). */
  readonly cacheGlobalSuffix?: string;
}

function block(value: unknown): Readonly<Record<string, unknown>> {
  const item = Array.isArray(value) ? value[0] : value;
  return typeof item === "object" && item !== null ? (item as Record<string, unknown>) : {};
}

function text(resource: FoundResource, attribute: string): string {
  const value = resource.attributes[attribute];
  if (typeof value !== "string" || value.includes("${")) {
    throw new SynthesizedStackError(
      `${resource.stack}: ${resource.type}.${resource.logicalId}.${attribute} is ${JSON.stringify(value)}, not a literal name`,
    );
  }
  return value;
}

function capacityOf(stacks: SynthesizedStacks, config: TitanConfig, stack: string): CapacityTarget {
  if (config.web.runtime === "ec2") {
    const group = oneResource(stacks, stack, "aws_autoscaling_group", "the web tier's Auto Scaling group");
    return {
      kind: "auto-scaling-group",
      name: text(group, "name"),
      minSize: numberAt(group, "min_size", group.attributes.min_size),
      maxSize: numberAt(group, "max_size", group.attributes.max_size),
      desiredCapacity: numberAt(group, "desired_capacity", group.attributes.desired_capacity),
    };
  }
  const cluster = oneResource(stacks, stack, "aws_eks_cluster", "the EKS cluster");
  // The on-demand groups (one per zone) carry the region's size; a spot group starts at zero in both states.
  const groups = resourcesOfType(stacks, stack, "aws_eks_node_group").filter(
    (candidate) => candidate.attributes.capacity_type !== "SPOT",
  );
  if (groups.length === 0) {
    throw new SynthesizedStackError(`${stack}: no on-demand node group (aws_eks_node_group) to size`);
  }
  return {
    kind: "node-groups",
    clusterName: text(cluster, "name"),
    groups: groups.map((group) => {
      const scaling = block(group.attributes.scaling_config);
      return {
        nodeGroupName: text(group, "node_group_name"),
        minSize: numberAt(group, "scaling_config.min_size", scaling.min_size),
        maxSize: numberAt(group, "scaling_config.max_size", scaling.max_size),
      };
    }),
  };
}

function regionTargets(stacks: SynthesizedStacks, config: TitanConfig, role: RegionRole): RegionTargets {
  const stack = STACK_NAMES[role];
  const cluster = oneResource(stacks, stack, "aws_rds_cluster", "the Aurora cluster");
  const name = databaseHostname(config.domain.internalZoneName);
  const record = oneResource(stacks, stack, "aws_route53_record", `the generic DB name ${name}`, (candidate) => {
    return candidate.attributes.name === name && candidate.attributes.type === "CNAME";
  });
  const [target] = (record.attributes.records ?? []) as unknown[];
  const endpoint = referencedAttribute(target);
  if (
    (endpoint !== "endpoint" && endpoint !== "reader_endpoint") ||
    referencedLogicalId(target, "aws_rds_cluster") !== cluster.logicalId
  ) {
    throw new SynthesizedStackError(
      `${stack}: ${name} does not point at its own cluster's endpoint (${String(target)})`,
    );
  }
  const redis = oneResource(stacks, stack, "aws_elasticache_replication_group", "the Redis replication group");
  return {
    role,
    region: config.regions[role].region,
    clusterIdentifier: text(cluster, "cluster_identifier"),
    dbName: {
      name,
      ttl: numberAt(record, "ttl", record.attributes.ttl),
      endpoint,
      zoneName: config.domain.internalZoneName,
    },
    capacity: capacityOf(stacks, config, stack),
    replicationGroupId: text(redis, "replication_group_id"),
  };
}

function failoverTargets(stacks: SynthesizedStacks, config: TitanConfig): RecoveryTargets["failover"] {
  const name = originHostname(config.domain.apiHostname);
  const checks = resourcesOfType(stacks, STACK_NAMES.global, "aws_route53_health_check");
  const records = resourcesOfType(stacks, STACK_NAMES.global, "aws_route53_record")
    .filter((record) => record.attributes.name === name && record.attributes.failover_routing_policy !== undefined)
    .map((record): FailoverRecordTarget => {
      const alias = block(record.attributes.alias);
      const checkId = referencedLogicalId(record.attributes.health_check_id, "aws_route53_health_check");
      const check = checks.find((candidate) => candidate.logicalId === checkId);
      if (!check) {
        throw new SynthesizedStackError(`global: the failover record ${record.logicalId} has no health check`);
      }
      return {
        setIdentifier: text(record, "set_identifier"),
        failover: block(record.attributes.failover_routing_policy).type === "PRIMARY" ? "PRIMARY" : "SECONDARY",
        aliasName: String(alias.name),
        evaluateTargetHealth: alias.evaluate_target_health === true,
        healthCheckFqdn: text(check, "fqdn"),
      };
    });
  if (records.length !== 2) {
    throw new SynthesizedStackError(`global: expected a failover pair for ${name}, found ${records.length} records`);
  }
  return { hostedZoneId: config.domain.hostedZoneId, name, records };
}

function lagMetric(stacks: SynthesizedStacks): RecoveryTargets["replicationLagMetric"] {
  for (const role of REGION_ROLES) {
    const alarm = resourcesOfType(stacks, STACK_NAMES[role], "aws_cloudwatch_metric_alarm").find(
      (candidate) => candidate.attributes.metric_name === AURORA_GLOBAL_REPLICATION_LAG,
    );
    if (alarm) {
      return { namespace: text(alarm, "namespace"), metricName: text(alarm, "metric_name") };
    }
  }
  throw new SynthesizedStackError(`no stack alarms on ${AURORA_GLOBAL_REPLICATION_LAG}: the standby region should`);
}

/**
 * The runbook's targets in `stacks`, synthesized from `config`.
 *
 * @throws SynthesizedStackError when the stacks do not put the writer where `config.dr.activeRole`
 * says (a synth output from another config), or lack what the runbook acts on.
 */
export function recoveryTargets(stacks: SynthesizedStacks, config: TitanConfig): RecoveryTargets {
  const writer = config.dr.activeRole;
  const regions = { primary: regionTargets(stacks, config, "primary"), dr: regionTargets(stacks, config, "dr") };
  const failover = failoverTargets(stacks, config);
  const originNames = {
    primary: regionalOriginHostname("primary", config.domain.apiHostname),
    dr: regionalOriginHostname("dr", config.domain.apiHostname),
  };
  const primaryRecord = failover.records.find((record) => record.failover === "PRIMARY");
  const stale =
    primaryRecord?.aliasName !== originNames[writer] ||
    REGION_ROLES.some((role) => (regions[role].dbName.endpoint === "endpoint") !== (role === writer));
  if (stale) {
    throw new SynthesizedStackError(
      `the synthesized stacks do not put the writer in ${writer} (dr.activeRole); synthesize them from this config (npm run synth)`,
    );
  }
  const globalCluster = oneResource(stacks, STACK_NAMES.primary, "aws_rds_global_cluster", "the global cluster");
  const cacheGlobal = resourcesOfType(stacks, STACK_NAMES.primary, "aws_elasticache_global_replication_group")[0];
  return {
    writer,
    globalClusterIdentifier: text(globalCluster, "global_cluster_identifier"),
    regions,
    failover,
    originNames,
    replicationLagMetric: lagMetric(stacks),
    cacheGlobalSuffix: cacheGlobal ? text(cacheGlobal, "global_replication_group_id_suffix") : undefined,
  };
}
