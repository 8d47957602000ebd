/**
 * The automatic path: Route 53 detects the failed origin and answers with the other, CloudFront's
 * cached answer expires and a request on it retries; cached paths fail over per request.
 */
import { STACK_NAMES } from "../../../app";
import type { RegionRole, TitanConfig } from "../../../config";
import { originHostname, regionalOriginHostname } from "../../../modules/edge/origin-names";
import { AWS_DOCS, AWS_FIGURES } from "../aws-facts";
import { type FoundResource, numberAt, oneResource, referencedLogicalId, SynthesizedStackError } from "../synthesized";
import { docSource, synthSource, type Term } from "../terms";
import { assumedTerm, type BudgetInput, block } from "./input";

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
