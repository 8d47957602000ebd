/**
 * Read-only checks before the writer moves: membership and synchronization of the global cluster,
 * replication lag, and what Route 53 thinks of each origin. A failover's checks call only the
 * region it moves to, and Route 53.
 */
import { auroraMetric } from "../../../modules/database/aurora-cluster";
import { recentMaximum } from "../aws/metrics";
import { describeGlobalCluster, type GlobalClusterMember, type GlobalClusterState } from "../aws/rds";
import { healthCheckHealthy } from "../aws/route53";
import { type Move, type Step, type StepContext, StepFailure } from "../step";

/** The global cluster as `to`'s region sees it, with `to`'s member. */
export async function globalClusterFromTarget(ctx: StepContext) {
  const { targets, to } = ctx;
  const state = await describeGlobalCluster(
    ctx.clients.rds(targets.regions[to].region),
    targets.globalClusterIdentifier,
  );
  const toArn = (await ctx.lookups.cluster(to)).arn;
  return { state, toArn, member: state.members.find((m) => m.clusterArn === toArn) };
}

/** A switchover needs the global cluster available and the target connected (caught up). */
function assertReadyToSwitch(
  state: GlobalClusterState,
  member: GlobalClusterMember,
  globalCluster: string,
  toCluster: string,
): void {
  if (state.status !== "available") {
    throw new StepFailure(`${globalCluster} is ${state.status}, not available; a switchover needs it available`);
  }
  if (member.synchronization !== undefined && member.synchronization !== "connected") {
    throw new StepFailure(`${toCluster} is ${member.synchronization}; switch over once it is connected`);
  }
}

export function checkGlobalCluster(move: Move, ctx: Pick<StepContext, "targets" | "from" | "to">): Step {
  const { targets, from, to } = ctx;
  const toCluster = targets.regions[to].clusterIdentifier;
  const expectation =
    move === "failover"
      ? `${to}'s cluster ${toCluster} is a member`
      : `${from}'s cluster holds the writer and ${to}'s cluster ${toCluster} is a member in sync`;
  return {
    id: "check-global-cluster",
    summary: `DescribeGlobalClusters ${targets.globalClusterIdentifier} (${targets.regions[to].region}): ${expectation}`,
    mutating: false,
    timeoutSeconds: 60,
    async decide(context) {
      const { state, member } = await globalClusterFromTarget(context);
      if (!member) {
        throw new StepFailure(
          move === "failback"
            ? `${to}'s cluster ${toCluster} has not rejoined ${targets.globalClusterIdentifier} as a secondary yet; fail back once it is a member in sync`
            : `${to}'s cluster ${toCluster} is not a member of ${targets.globalClusterIdentifier}; there is nothing to move the writer to`,
        );
      }
      if (member.isWriter) {
        return {
          kind: "ok",
          detail: `${to}'s cluster already holds the writer (a re-run): the next steps finish the move`,
        };
      }
      if (state.move) {
        return { kind: "ok", detail: `a move is already under way (${state.move.status}); the next steps follow it` };
      }
      if (move !== "failover") {
        assertReadyToSwitch(state, member, targets.globalClusterIdentifier, toCluster);
      }
      const writer = state.members.find((m) => m.isWriter)?.clusterArn ?? "none";
      return {
        kind: "ok",
        detail: `writer ${writer}; ${toCluster} is a member (${member.synchronization ?? "synchronization not reported"})`,
      };
    },
  };
}

const LAG_WINDOW_MINUTES = 10;

export function checkReplicationLag(move: Move, ctx: Pick<StepContext, "targets" | "to" | "choices">): Step {
  const { targets, to } = ctx;
  const cluster = targets.regions[to].clusterIdentifier;
  // The alarm the stacks put on the metric names it; the cluster describes its own dimensions.
  const metric = auroraMetric(cluster, targets.replicationLagMetric.metricName, { stat: "Maximum" });
  const limit = move === "failover" ? "" : `, at most ${ctx.choices.maxLagSeconds} s`;
  return {
    id: "check-replication-lag",
    summary: `CloudWatch ${metric.namespace} ${metric.metricName} of ${cluster} (${targets.regions[to].region}), last ${LAG_WINDOW_MINUTES} minutes${limit}`,
    mutating: false,
    timeoutSeconds: 60,
    async decide(context) {
      const { member } = await globalClusterFromTarget(context);
      if (member?.isWriter) {
        return { kind: "skip", detail: `${to}'s cluster already holds the writer: nothing replicates to it` };
      }
      const lag = await recentMaximum(
        context.clients.cloudWatch(targets.regions[to].region),
        metric,
        new Date(context.runtime.now()),
        LAG_WINDOW_MINUTES,
      );
      if (move === "failover") {
        return {
          kind: "ok",
          detail:
            lag === undefined
              ? `no lag reported for ${LAG_WINDOW_MINUTES} minutes: replication stopped with the region; what had not arrived is lost`
              : `largest lag ${lag} ms: a failover now loses about that much`,
        };
      }
      if (lag === undefined) {
        throw new StepFailure(
          `${cluster} reported no replication lag for ${LAG_WINDOW_MINUTES} minutes: is it replicating?`,
        );
      }
      if (lag > context.choices.maxLagSeconds * 1000) {
        throw new StepFailure(
          `${cluster} lags ${lag} ms, more than --max-lag-seconds ${context.choices.maxLagSeconds}: writes would pause while it catches up; wait, or raise the limit`,
        );
      }
      return { kind: "ok", detail: `largest lag ${lag} ms` };
    },
  };
}

/** Route 53's view of `role`'s origin; `required` turns an unhealthy one into a refusal. */
export function checkOriginHealth(role: "primary" | "dr", required: boolean, ctx: Pick<StepContext, "targets">): Step {
  const origin = ctx.targets.originNames[role];
  return {
    id: `check-${role}-origin`,
    summary: `GetHealthCheckStatus of ${origin}: ${required ? "must be healthy" : "reported"}`,
    mutating: false,
    timeoutSeconds: 60,
    async decide(context) {
      const id = await context.lookups.healthCheckId(role);
      const { healthy, detail } = await healthCheckHealthy(context.clients.route53(), id);
      if (!healthy && required) {
        throw new StepFailure(
          `${origin} is unhealthy (${detail}); traffic cannot move there until its health check passes`,
        );
      }
      return { kind: "ok", detail: `${origin} is ${healthy ? "healthy" : "UNHEALTHY"} (${detail})` };
    },
  };
}
