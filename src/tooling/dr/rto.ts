/**
 * The two ways the writer moves, as recovery paths: an unplanned failover (the writer's region is
 * lost) and a planned switchover. Paths run side by side; a scenario takes as long as its slowest.
 */
import type { RegionRole } from "../../config";
import { cacheFailoverTerm, coldCacheTerm, hasGlobalDatastore } from "./rto/cache";
import { scaleOutTerms } from "./rto/capacity";
import type { BudgetInput } from "./rto/input";
import { alarmTerm, auroraTerm, dbRepointTerm, operatorTerm } from "./rto/operator";
import { answerSwitchTerm, cachedReadTerm, detectionTerm, dnsTtlTerm, staleRequestTerm } from "./rto/traffic";
import { recoveryPath, type Scenario, scenario } from "./terms";

function otherRole(role: RegionRole): RegionRole {
  return role === "primary" ? "dr" : "primary";
}

/**
 * The writer's region (`dr.activeRole`) is lost. Traffic moves by itself; the database, capacity
 * and (with a Global Datastore) the cache wait for the page and the operator.
 */
export function failoverScenario(input: BudgetInput): Scenario {
  const from = input.config.dr.activeRole;
  const to = otherRole(from);
  const detection = detectionTerm(input, from);
  const page = [detection, alarmTerm(input, from), operatorTerm(input.config)];
  const paths = [
    recoveryPath("traffic", "writes and uncached reads reach the other region", "automatic", [
      detection,
      answerSwitchTerm(input.config, to),
      dnsTtlTerm(input, from),
      staleRequestTerm(input),
    ]),
    recoveryPath("cached-reads", "cached paths (origin group)", "automatic", [cachedReadTerm(input, from)]),
    recoveryPath("database", "writes succeed in the other region", "operator", [
      ...page,
      auroraTerm(input.config, "failover", to),
      dbRepointTerm(input, to),
    ]),
  ];
  const scaleOut = scaleOutTerms(input, to);
  if (scaleOut.length > 0) {
    paths.push(
      recoveryPath("capacity", "the other region runs at its active size", "operator", [...page, ...scaleOut]),
    );
  }
  paths.push(
    hasGlobalDatastore(input)
      ? recoveryPath("cache", "the other region's Redis takes writes", "operator", [
          ...page,
          cacheFailoverTerm(input.config, to),
        ])
      : recoveryPath("cache", "the other region's Redis serves", "automatic", [coldCacheTerm(input, to)]),
  );
  return scenario({
    id: "failover",
    label: `unplanned failover (${from} lost)`,
    measures: `from ${from}'s failure until the other region serves every request at full size`,
    from,
    to,
    paths,
  });
}

/**
 * A planned move of the writer. The runbook first raises the other region's capacity and moves
 * traffic there (its writes are forwarded to the writer meanwhile), so what users see is the
 * pause of writes while Aurora switches over and the generic DB name follows.
 */
export function switchoverScenario(input: BudgetInput): Scenario {
  const from = input.config.dr.activeRole;
  const to = otherRole(from);
  return scenario({
    id: "switchover",
    label: `planned switchover (${from} to ${to})`,
    measures: "how long writes pause (capacity and traffic move before it, without an outage)",
    from,
    to,
    paths: [
      recoveryPath("database", "writes pause", "operator", [
        auroraTerm(input.config, "switchover", to),
        dbRepointTerm(input, to),
      ]),
    ],
  });
}
