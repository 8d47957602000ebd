/**
 * What keeps a failover possible: DR and the edge read nothing from the primary region, the edge's
 * certificate and WAF are where CloudFront takes them, the failover pair is health-checked and
 * follows the writer, the app reaches the database only by its generic name, DR can serve before it
 * scales, and the secondary's replication is watched.
 */
import { STACK_NAMES } from "../../../app";
import { type RegionRole, regionState } from "../../../config";
import { AURORA_GLOBAL_REPLICATION_LAG } from "../../../modules/database/aurora-cluster";
import { EDGE_REGION } from "../../../modules/edge/limits";
import { originHostname, regionalOriginHostname } from "../../../modules/edge/origin-names";
import { databaseHostname } from "../../../stacks/regional/data-tier";
import { referencedLogicalId, resourcesOfType, stackNamed } from "../synthesized";
import { everyBlock, type Invariant, list, problems, regionOf } from "./invariant";

export const outsidePrimaryRegion: Invariant = {
  id: "outside-primary-region",
  statement:
    "dr and global plan and apply with the primary region down: no provider, data source, resource, backend or remote state there",
  check({ config, stacks }) {
    const down = config.regions.primary.region;
    return [STACK_NAMES.dr, STACK_NAMES.global].flatMap((name) => {
      const stack = stackNamed(stacks, name);
      const providers = Object.values(stack.provider ?? {})
        .flat()
        .filter((block) => block.region === down)
        .map((block) => `${name}: a provider in ${down}${block.alias ? ` (alias ${String(block.alias)})` : ""}`);
      const blocks = everyBlock(stack)
        .filter((block) => block.type === "terraform_remote_state" || regionOf(stack, block.attributes) === down)
        .map(
          (block) =>
            `${name}: ${block.kind} ${block.type}.${block.name} reads ${block.type === "terraform_remote_state" ? "remote state" : down}`,
        );
      const backend = Object.values((stack.terraform?.backend ?? {}) as Record<string, { region?: string }>)[0];
      return [...providers, ...blocks, ...(backend?.region === down ? [`${name}: its state lives in ${down}`] : [])];
    });
  },
};

export const edgeInUsEast1: Invariant = {
  id: "edge-in-us-east-1",
  statement: `the viewer certificate and the CloudFront web ACL are in ${EDGE_REGION}, the only region CloudFront takes them from`,
  check({ stacks }) {
    const global = stackNamed(stacks, STACK_NAMES.global);
    const certificates = resourcesOfType(stacks, STACK_NAMES.global, "aws_acm_certificate");
    const acls = resourcesOfType(stacks, STACK_NAMES.global, "aws_wafv2_web_acl");
    return [
      ...(certificates.length === 0 ? ["global has no viewer certificate"] : []),
      ...(acls.length === 0 ? ["global has no web ACL"] : []),
      ...[...certificates, ...acls]
        .filter((resource) => regionOf(global, resource.attributes) !== EDGE_REGION)
        .map((resource) => `${resource.type}.${resource.logicalId} is in ${regionOf(global, resource.attributes)}`),
      ...acls
        .filter((acl) => acl.attributes.scope !== "CLOUDFRONT")
        .map((acl) => `${acl.logicalId} has scope ${String(acl.attributes.scope)}`),
    ];
  },
};

/** The failover pair of `origin.<apiHostname>`, by failover type. */
function failoverPair(stacks: Parameters<Invariant["check"]>[0]["stacks"], name: string) {
  return resourcesOfType(stacks, STACK_NAMES.global, "aws_route53_record").filter(
    (record) => record.attributes.name === name && record.attributes.failover_routing_policy !== undefined,
  );
}

export const failoverHealthChecks: Invariant = {
  id: "failover-health-checks",
  statement:
    "the failover name has one PRIMARY and one SECONDARY record, each checked by the health check of the origin it answers with",
  check({ config, stacks }) {
    const name = originHostname(config.domain.apiHostname);
    const checks = resourcesOfType(stacks, STACK_NAMES.global, "aws_route53_health_check");
    const pair = failoverPair(stacks, name);
    const types = pair.map((record) => String(list(record.attributes.failover_routing_policy)[0]?.type)).sort();
    return [
      ...(types.join() === "PRIMARY,SECONDARY" ? [] : [`${name} has failover records ${JSON.stringify(types)}`]),
      ...pair.flatMap((record) => {
        const alias = list(record.attributes.alias)[0];
        const check = checks.find(
          (candidate) =>
            candidate.logicalId === referencedLogicalId(record.attributes.health_check_id, "aws_route53_health_check"),
        );
        return problems([
          !check && `${record.logicalId} has no health check`,
          check &&
            check.attributes.fqdn !== alias?.name &&
            `${record.logicalId} answers with ${String(alias?.name)} but checks ${String(check.attributes.fqdn)}`,
          alias?.evaluate_target_health !== true && `${record.logicalId} ignores its target's health`,
        ]);
      }),
    ];
  },
};

export const trafficFollowsWriter: Invariant = {
  id: "traffic-follows-writer",
  statement: "the PRIMARY failover record answers with the region holding the writer (dr.activeRole)",
  check({ config, stacks }) {
    const expected = regionalOriginHostname(config.dr.activeRole, config.domain.apiHostname);
    const primary = failoverPair(stacks, originHostname(config.domain.apiHostname)).find(
      (record) => list(record.attributes.failover_routing_policy)[0]?.type === "PRIMARY",
    );
    const answer = list(primary?.attributes.alias)[0]?.name;
    return answer === expected ? [] : [`PRIMARY answers with ${String(answer)}, not ${expected}`];
  },
};

/** A cluster endpoint by reference, or written out (`x.cluster-ro-abc.us-west-1.rds.amazonaws.com`). */
const ENDPOINT_REFERENCE =
  /aws_rds_(global_)?cluster\.[A-Za-z0-9_-]+\.(reader_)?endpoint|\.(cluster-(ro-)?|global-)[a-z0-9]+\.[a-z0-9-]+\.rds\.amazonaws\.com/;

export const genericDbName: Invariant = {
  id: "generic-db-name",
  statement:
    "the app reaches the database by the generic name only: no cluster endpoint outside the private zone's records and the outputs",
  check({ config, stacks }) {
    const dbName = databaseHostname(config.domain.internalZoneName);
    const names = [STACK_NAMES.primary, STACK_NAMES.dr, STACK_NAMES.primaryK8s, STACK_NAMES.drK8s];
    const leaks = names.flatMap((name) =>
      everyBlock(stackNamed(stacks, name))
        .filter(
          (block) => block.type !== "aws_route53_record" && ENDPOINT_REFERENCE.test(JSON.stringify(block.attributes)),
        )
        .map((block) => `${name}: ${block.type}.${block.name} names a cluster endpoint; give it ${dbName}`),
    );
    const given = ([STACK_NAMES.primary, STACK_NAMES.dr] as const).flatMap((name) => {
      const app =
        config.web.runtime === "eks"
          ? resourcesOfType(stacks, name, "aws_codebuild_project").filter((p) =>
              JSON.stringify(p.attributes).includes("HELM_VALUES_JSON"),
            )
          : resourcesOfType(stacks, name, "aws_launch_template").filter((t) => t.attributes.user_data !== undefined);
      return app.some((resource) => JSON.stringify(resource.attributes).includes(dbName))
        ? []
        : [`${name}: the app is not given ${dbName}`];
    });
    return [...leaks, ...given];
  },
};

export const standbyServes: Invariant = {
  id: "standby-serves",
  statement: "the standby region keeps capacity to serve at once (its scale-out is in the budget's RTO either way)",
  check({ config, stacks }) {
    const standby: RegionRole = config.dr.activeRole === "primary" ? "dr" : "primary";
    if (config.web.runtime === "ec2") {
      const [group] = resourcesOfType(stacks, STACK_NAMES[standby], "aws_autoscaling_group");
      return Number(group?.attributes.min_size ?? 0) >= 1 ? [] : [`${standby}'s web tier may scale to zero instances`];
    }
    const groups = resourcesOfType(stacks, STACK_NAMES[standby], "aws_eks_node_group").filter(
      (group) => group.attributes.capacity_type !== "SPOT",
    );
    // One group per zone: the region keeps what all of them keep (a zone may sit at zero).
    const floor = groups.reduce(
      (sum, group) => sum + Number(list(group.attributes.scaling_config)[0]?.min_size ?? 0),
      0,
    );
    return floor >= 1
      ? []
      : [`${standby}'s on-demand node groups may scale to zero nodes: nothing serves until nodes boot`];
  },
};

export const replicationWatched: Invariant = {
  id: "replication-watched",
  statement:
    "the standby region alarms on its cluster's replication lag, and the writer's region does not (it has none)",
  check({ config, stacks }) {
    return (["primary", "dr"] as const).flatMap((role) => {
      const watches = resourcesOfType(stacks, STACK_NAMES[role], "aws_cloudwatch_metric_alarm").some(
        (alarm) => alarm.attributes.metric_name === AURORA_GLOBAL_REPLICATION_LAG,
      );
      const should = regionState(config, role) === "standby";
      if (watches === should) {
        return [];
      }
      return [
        should
          ? `${role}, the standby, has no replication-lag alarm`
          : `${role}, the writer, alarms on replication lag it cannot have`,
      ];
    });
  },
};

export const rpoBoundEverywhere: Invariant = {
  id: "rpo-bound-everywhere",
  statement: "both clusters carry the same rds.global_db_rpo, so the bound survives a failover",
  check({ stacks }) {
    const bound = (role: "primary" | "dr") =>
      resourcesOfType(stacks, STACK_NAMES[role], "aws_rds_cluster_parameter_group")
        .flatMap((group) => list(group.attributes.parameter))
        .find((parameter) => parameter.name === "rds.global_db_rpo")?.value;
    return bound("primary") === bound("dr")
      ? []
      : [
          `primary bounds the RPO at ${String(bound("primary") ?? "nothing")}, DR at ${String(bound("dr") ?? "nothing")}`,
        ];
  },
};

export const DOMAIN_INVARIANTS: readonly Invariant[] = [
  outsidePrimaryRegion,
  edgeInUsEast1,
  failoverHealthChecks,
  trafficFollowsWriter,
  genericDbName,
  standbyServes,
  replicationWatched,
  rpoBoundEverywhere,
];
