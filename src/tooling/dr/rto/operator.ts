/** The operator's path: the page, the response, Aurora's move and the generic DB name following it. */
import { STACK_NAMES } from "../../../app";
import type { RegionRole, TitanConfig } from "../../../config";
import { databaseHostname } from "../../../stacks/regional/data-tier";
import { AWS_DOCS, AWS_FIGURES } from "../aws-facts";
import { numberAt, oneResource, referencedLogicalId } from "../synthesized";
import { docSource, synthSource, type Term } from "../terms";
import { assumedTerm, type BudgetInput, block } from "./input";
import { originHealthCheck } from "./traffic";

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
