/**
 * Each duration of a recovery, computed from the synthesized stacks and the config, with its
 * sources. `from` is the region that fails (the one holding the writer), `to` the other.
 */
import { STACK_NAMES } from "../../app";
import type { RegionRole, TitanConfig } from "../../config";
import { originHostname, regionalOriginHostname } from "../../modules/edge/origin-names";
import { databaseHostname } from "../../stacks/regional/data-tier";
import { AWS_DOCS, AWS_FIGURES } from "./aws-facts";
import {
  type FoundResource,
  numberAt,
  oneResource,
  referencedLogicalId,
  resourcesOfType,
  SynthesizedStackError,
  type SynthesizedStacks,
} from "./synthesized";
import { configSource, docSource, synthSource, type Term } from "./terms";

/** What the terms are computed from. */
export interface BudgetInput {
  readonly config: TitanConfig;
  readonly stacks: SynthesizedStacks;
}

type Assumption = keyof TitanConfig["dr"]["assumptions"];

/** A duration AWS does not publish, from `dr.assumptions`. */
export function assumedTerm(
  config: TitanConfig,
  key: Assumption,
  id: string,
  label: string,
  unpublished: string,
  docs: readonly { url: string; says: string }[] = [],
): Term {
  const seconds = config.dr.assumptions[key];
  return {
    id,
    label,
    seconds,
    formula: `${seconds} s`,
    sources: [configSource(`dr.assumptions.${key}`), ...docs.map(docSource)],
    unpublished,
  };
}

/** A single nested block, which cdktf renders as an object (or, in older renderings, a one-element list). */
function block(value: unknown): Readonly<Record<string, unknown>> {
  const item = Array.isArray(value) ? value[0] : value;
  return typeof item === "object" && item !== null ? (item as Record<string, unknown>) : {};
}

/** Route 53's health check of `role`'s origin, in the global stack. */
export function originHealthCheck(input: BudgetInput, role: RegionRole): FoundResource {
  const fqdn = regionalOriginHostname(role, input.config.domain.apiHostname);
  return oneResource(
    input.stacks,
    STACK_NAMES.global,
    "aws_route53_health_check",
    `the health check of ${fqdn}`,
    (check) => check.attributes.fqdn === fqdn,
  );
}

/** Until Route 53 calls `from`'s origin unhealthy: the last of `threshold` failed probes and its timeouts. */
export function detectionTerm(input: BudgetInput, from: RegionRole): Term {
  const check = originHealthCheck(input, from);
  const interval = numberAt(check, "request_interval", check.attributes.request_interval);
  const threshold = numberAt(check, "failure_threshold", check.attributes.failure_threshold);
  const { healthCheckConnect: connect, healthCheckResponse: response } = AWS_FIGURES;
  return {
    id: "detection",
    label: `Route 53 declares ${from}'s origin unhealthy`,
    seconds: threshold * interval + connect.seconds + response.seconds,
    formula: `${threshold} failed probes x ${interval} s + ${connect.seconds} s connect + ${response.seconds} s response`,
    sources: [
      synthSource(check, "failure_threshold"),
      synthSource(check, "request_interval"),
      docSource(connect),
      docSource(response),
      docSource(AWS_DOCS.healthCheckAggregate),
    ],
  };
}

export function answerSwitchTerm(config: TitanConfig, to: RegionRole): Term {
  return assumedTerm(
    config,
    "route53AnswerSwitchSeconds",
    "answer-switch",
    `Route 53 answers the failover name with ${to}'s origin`,
    "AWS does not publish how long after a health check turns unhealthy Route 53's answers change; measure it in a game day",
  );
}

/** The failover record that answers with `role`'s origin. */
function failoverRecordOf(input: BudgetInput, role: RegionRole): FoundResource {
  const origin = regionalOriginHostname(role, input.config.domain.apiHostname);
  return oneResource(
    input.stacks,
    STACK_NAMES.global,
    "aws_route53_record",
    `the failover record answering with ${origin}`,
    (record) =>
      record.attributes.failover_routing_policy !== undefined && block(record.attributes.alias).name === origin,
  );
}

/**
 * How long CloudFront may keep the answer pointing at `from`: the failover record aliases `from`'s
 * own origin record, whose TTL it takes, and that one aliases the region's load balancer.
 */
export function dnsTtlTerm(input: BudgetInput, from: RegionRole): Term {
  const failover = failoverRecordOf(input, from);
  const originName = String(block(failover.attributes.alias).name);
  const regional = oneResource(
    input.stacks,
    STACK_NAMES[from],
    "aws_route53_record",
    `${from}'s origin record ${originName}`,
    (record) => record.attributes.name === originName,
  );
  const common = {
    id: "dns-ttl",
    label: "CloudFront's cached answer for the failover name expires",
    assumes:
      "CloudFront does not document how it caches its origins' DNS answers; titan assumes it honours the TTL (a game day times the last request to reach the old region)",
  };
  const target = block(regional.attributes.alias);
  if (referencedLogicalId(target.name, "aws_lb") !== undefined) {
    const ttl = AWS_FIGURES.elbAliasTtl;
    return {
      ...common,
      seconds: ttl.seconds,
      formula: `${ttl.seconds} s TTL of the load balancer alias`,
      sources: [
        synthSource(failover, "alias.name"),
        synthSource(regional, "alias.name"),
        docSource(AWS_DOCS.aliasToRecordTtl),
        docSource(ttl),
      ],
    };
  }
  if (typeof regional.attributes.ttl === "number") {
    return {
      ...common,
      seconds: regional.attributes.ttl,
      formula: `${regional.attributes.ttl} s TTL of ${originName}`,
      sources: [
        synthSource(failover, "alias.name"),
        synthSource(regional, "ttl"),
        docSource(AWS_DOCS.aliasToRecordTtl),
      ],
    };
  }
  throw new SynthesizedStackError(
    `${from}: ${originName} is neither an alias of a load balancer nor a record with a TTL; the budget cannot tell how long its answer is cached`,
  );
}

/** CloudFront's origin for `domainName`, from the distribution in the global stack. */
function distributionOrigin(input: BudgetInput, domainName: string) {
  const distribution = oneResource(input.stacks, STACK_NAMES.global, "aws_cloudfront_distribution", "the distribution");
  const origins = (distribution.attributes.origin ?? []) as Record<string, unknown>[];
  const index = origins.findIndex((origin) => origin.domain_name === domainName);
  if (index < 0) {
    throw new SynthesizedStackError(`global: the distribution has no origin ${domainName}`);
  }
  return { distribution, origin: origins[index], path: `origin[${index}]` };
}

/** A request CloudFront sends on the stale answer fails after every connection attempt; the viewer's retry reaches `to`. */
export function staleRequestTerm(input: BudgetInput): Term {
  const name = originHostname(input.config.domain.apiHostname);
  const { distribution, origin, path } = distributionOrigin(input, name);
  const attempts = numberAt(distribution, `${path}.connection_attempts`, origin.connection_attempts);
  const timeout = numberAt(distribution, `${path}.connection_timeout`, origin.connection_timeout);
  return {
    id: "stale-request",
    label: "a request sent on the last stale answer fails over its connection attempts (the retry reaches DR)",
    seconds: attempts * timeout,
    formula: `${attempts} attempts x ${timeout} s`,
    sources: [
      synthSource(distribution, `${path}.connection_attempts`),
      synthSource(distribution, `${path}.connection_timeout`),
      docSource(AWS_DOCS.cloudFrontAttempts),
    ],
  };
}

/** Extra latency of a cached-path miss while `from` is down: CloudFront's origin group moves the request to `to`. */
export function cachedReadTerm(input: BudgetInput, from: RegionRole): Term {
  const { distribution, origin, path } = distributionOrigin(
    input,
    regionalOriginHostname(from, input.config.domain.apiHostname),
  );
  const attempts = numberAt(distribution, `${path}.connection_attempts`, origin.connection_attempts);
  const timeout = numberAt(distribution, `${path}.connection_timeout`, origin.connection_timeout);
  const config = block(origin.custom_origin_config);
  const readTimeout = numberAt(
    distribution,
    `${path}.custom_origin_config.origin_read_timeout`,
    config.origin_read_timeout,
  );
  return {
    id: "origin-group",
    label: `per request, from t = 0: the origin group tries ${from}, then the other region`,
    seconds: Math.max(attempts * timeout, readTimeout),
    formula: `max(${attempts} attempt x ${timeout} s unreachable, ${readTimeout} s response timeout when it hangs)`,
    sources: [
      synthSource(distribution, `${path}.connection_attempts`),
      synthSource(distribution, `${path}.connection_timeout`),
      synthSource(distribution, `${path}.custom_origin_config.origin_read_timeout`),
      docSource(AWS_DOCS.cloudFrontAttempts),
      docSource(AWS_DOCS.cloudFrontResponseTimeout),
    ],
  };
}

/** The page: the alarm on `from`'s health-check status reaches ALARM. */
export function alarmTerm(input: BudgetInput, from: RegionRole): Term {
  const check = originHealthCheck(input, from);
  const alarm = oneResource(
    input.stacks,
    STACK_NAMES.global,
    "aws_cloudwatch_metric_alarm",
    `the alarm on ${from}'s health check`,
    (candidate) =>
      referencedLogicalId(block(candidate.attributes.dimensions).HealthCheckId, "aws_route53_health_check") ===
      check.logicalId,
  );
  const period = numberAt(alarm, "period", alarm.attributes.period);
  const datapoints = numberAt(
    alarm,
    "datapoints_to_alarm",
    alarm.attributes.datapoints_to_alarm ?? alarm.attributes.evaluation_periods,
  );
  return {
    id: "alarm",
    label: `the alarm ${String(alarm.attributes.alarm_name)} pages`,
    seconds: period * datapoints,
    formula: `${datapoints} breaching datapoint(s) x ${period} s period`,
    sources: [
      synthSource(alarm, "period"),
      synthSource(alarm, "datapoints_to_alarm"),
      docSource(AWS_DOCS.alarmEvaluation),
    ],
  };
}

export function operatorTerm(config: TitanConfig): Term {
  return assumedTerm(
    config,
    "operatorResponseSeconds",
    "operator",
    "the operator runs npm run failover",
    "your on-call's response time, not an AWS figure: measure it in a game day from the page to the runbook's first log line",
  );
}

export function auroraTerm(config: TitanConfig, kind: "failover" | "switchover", to: RegionRole): Term {
  return kind === "failover"
    ? assumedTerm(
        config,
        "auroraFailoverSeconds",
        "aurora-failover",
        `FailoverGlobalCluster makes ${to}'s cluster the writer`,
        'AWS gives no figure ("in the order of minutes"); the runbook logs it, replace the figure with a drill\'s',
        [AWS_DOCS.auroraFailoverRto],
      )
    : assumedTerm(
        config,
        "auroraSwitchoverSeconds",
        "aurora-switchover",
        `SwitchoverGlobalCluster makes ${to}'s cluster the writer (writes pause)`,
        "AWS gives no figure; the longer the replication lag, the longer the pause; replace the figure with a drill's",
        [AWS_DOCS.auroraFailoverRto],
      );
}

/** `to`'s generic DB name moves to its new writer: a record change in its private zone, then the TTL. */
export function dbRepointTerm(input: BudgetInput, to: RegionRole): Term {
  const name = databaseHostname(input.config.domain.internalZoneName);
  const record = oneResource(
    input.stacks,
    STACK_NAMES[to],
    "aws_route53_record",
    `the generic DB name ${name}`,
    (candidate) => candidate.attributes.name === name && candidate.attributes.type === "CNAME",
  );
  const ttl = numberAt(record, "ttl", record.attributes.ttl);
  const propagation = AWS_FIGURES.route53Propagation;
  return {
    id: "db-name",
    label: `${to}'s ${name} points at its writer (the runbook changes the record)`,
    seconds: propagation.seconds + ttl,
    formula: `${propagation.seconds} s propagation + ${ttl} s TTL`,
    sources: [docSource(propagation), synthSource(record, "ttl")],
  };
}

/** Until a new target of `to`'s load balancer passes its health check. */
export function targetHealthTerm(input: BudgetInput, to: RegionRole): Term {
  const targetType = input.config.web.runtime === "eks" ? "ip" : "instance";
  const group = oneResource(
    input.stacks,
    STACK_NAMES[to],
    "aws_lb_target_group",
    `the ${targetType} target group the app serves from`,
    (candidate) => candidate.attributes.target_type === targetType,
  );
  const check = block(group.attributes.health_check);
  const healthy = numberAt(group, "health_check.healthy_threshold", check.healthy_threshold);
  const interval = numberAt(group, "health_check.interval", check.interval);
  return {
    id: "target-health",
    label: "the load balancer sends new targets traffic",
    seconds: healthy * interval,
    formula: `${healthy} healthy checks x ${interval} s`,
    sources: [
      synthSource(group, "health_check.healthy_threshold"),
      synthSource(group, "health_check.interval"),
      docSource(AWS_DOCS.targetHealth),
    ],
  };
}

/**
 * `to` grows from its warm-standby size to the active one: the runbook raises the node group (or the
 * web tier's group) to the active size, new capacity boots, pods start, the load balancer admits them.
 */
export function scaleOutTerms(input: BudgetInput, to: RegionRole): Term[] {
  const { config } = input;
  const terms: Term[] = [];
  if (config.web.runtime === "eks") {
    const { active, standby } = config.kubernetes.nodes;
    if (active.min > standby.min) {
      terms.push({
        ...assumedTerm(
          config,
          "nodeReadySeconds",
          "nodes",
          `the node group in ${to} grows from ${standby.min} to ${active.min} nodes`,
          "EC2 launch and node bootstrap times are not published; measure them in a game day",
        ),
        sources: [
          configSource("dr.assumptions.nodeReadySeconds"),
          configSource("kubernetes.nodes.standby.min"),
          configSource("kubernetes.nodes.active.min"),
        ],
      });
    }
    terms.push(
      assumedTerm(
        config,
        "podReadySeconds",
        "pods",
        "app pods are scheduled, pull their image and become ready",
        "pod start-up depends on the image and the app; measure it in a game day",
      ),
    );
  } else if (config.web.instances.active > config.web.instances.standby) {
    terms.push({
      ...assumedTerm(
        config,
        "instanceReadySeconds",
        "instances",
        `the web tier in ${to} grows from ${config.web.instances.standby} to ${config.web.instances.active} instances`,
        "EC2 launch and boot times are not published; measure them in a game day",
      ),
      sources: [
        configSource("dr.assumptions.instanceReadySeconds"),
        configSource("web.instances.standby"),
        configSource("web.instances.active"),
      ],
    });
  }
  if (terms.length > 0) {
    terms.push(targetHealthTerm(input, to));
  }
  return terms;
}

export function cacheFailoverTerm(config: TitanConfig, to: RegionRole): Term {
  return assumedTerm(
    config,
    "cacheFailoverSeconds",
    "cache-failover",
    `FailoverGlobalReplicationGroup makes ${to}'s Redis the primary`,
    "AWS does not publish how long a Global Datastore promotion takes; measure it in a game day",
    [AWS_DOCS.cacheGlobalDatastore],
  );
}

/** Without a Global Datastore, `to`'s own Redis serves at once, empty: nothing to promote. */
export function coldCacheTerm(input: BudgetInput, to: RegionRole): Term {
  const group = oneResource(input.stacks, STACK_NAMES[to], "aws_elasticache_replication_group", `${to}'s Redis`);
  return {
    id: "cold-cache",
    label: `${to}'s own Redis serves at once, empty; the app refills it from Aurora`,
    seconds: 0,
    formula: "0 s: already running, nothing to promote",
    sources: [synthSource(group, "replication_group_id"), configSource("cache.globalDatastore")],
  };
}

/** Whether any Redis in the stacks is a Global Datastore member. */
export function hasGlobalDatastore(input: BudgetInput): boolean {
  return Object.keys(input.stacks).some(
    (stack) => resourcesOfType(input.stacks, stack, "aws_elasticache_global_replication_group").length > 0,
  );
}
