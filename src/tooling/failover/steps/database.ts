/** Moving the Aurora writer: switchover (nothing lost) or failover (AllowDataLoss), and after it. */
import { failoverGlobalCluster, switchoverGlobalCluster } from "../aws/rds";
import { type Decision, type Move, type Step, type StepContext, StepFailure } from "../step";
import { globalClusterFromTarget } from "./checks";

export function moveWriter(move: Move, ctx: Pick<StepContext, "targets" | "to">): Step {
  const { targets, to } = ctx;
  const region = targets.regions[to].region;
  const call =
    move === "failover"
      ? `FailoverGlobalCluster ${targets.globalClusterIdentifier} --allow-data-loss`
      : `SwitchoverGlobalCluster ${targets.globalClusterIdentifier}`;
  return {
    id: move === "failover" ? "failover-global-cluster" : "switchover-global-cluster",
    summary: `${call} --target-db-cluster-identifier <ARN of ${targets.regions[to].clusterIdentifier}> (${region})`,
    mutating: true,
    timeoutSeconds: 120,
    budgetTerm: move === "failover" ? "aurora-failover" : "aurora-switchover",
    async decide(context): Promise<Decision> {
      const { state, toArn, member } = await globalClusterFromTarget(context);
      if (member?.isWriter) {
        return { kind: "skip", detail: `${targets.regions[to].clusterIdentifier} already holds the writer` };
      }
      if (state.move?.toClusterArn === toArn) {
        return { kind: "skip", detail: `the move to ${toArn} is already under way (${state.move.status})` };
      }
      const rds = context.clients.rds(region);
      return {
        kind: "act",
        detail: `${call} --target-db-cluster-identifier ${toArn}`,
        act: async () => {
          // The CLI refuses first; this guards the call itself, whoever runs the step.
          if (move === "failover" && !context.choices.allowDataLoss) {
            throw new StepFailure("a failover loses what had not replicated: it runs only with --allow-data-loss");
          }
          await (move === "failover"
            ? failoverGlobalCluster(rds, targets.globalClusterIdentifier, toArn)
            : switchoverGlobalCluster(rds, targets.globalClusterIdentifier, toArn));
          return [];
        },
      };
    },
  };
}

export function waitForWriter(move: Move, ctx: Pick<StepContext, "targets" | "to">): Step {
  const { targets, to } = ctx;
  const cluster = targets.regions[to].clusterIdentifier;
  return {
    id: "wait-for-writer",
    summary: `DescribeGlobalClusters ${targets.globalClusterIdentifier} (${targets.regions[to].region}) until ${cluster} is the writer and the move has finished`,
    mutating: false,
    timeoutSeconds: 30 * 60,
    budgetTerm: move === "failover" ? "aurora-failover" : "aurora-switchover",
    async decide(context): Promise<Decision> {
      const done = async () => {
        const { state, member } = await globalClusterFromTarget(context);
        const finished = member?.isWriter === true && state.move === undefined && state.status === "available";
        return {
          done: finished,
          detail: `${cluster} ${member?.isWriter ? "is" : "is not yet"} the writer; global cluster ${state.status}${state.move ? `, ${state.move.status}` : ""}`,
        };
      };
      const now = await done();
      return now.done
        ? { kind: "ok", detail: now.detail }
        : { kind: "wait", detail: now.detail, intervalSeconds: 15, poll: done };
    },
  };
}

/** The global writer endpoint (provider >= 5.77 `endpoint`) resolves to the new writer's cluster endpoint. */
export function verifyWriterEndpoint(ctx: Pick<StepContext, "targets" | "to">): Step {
  const { targets, to } = ctx;
  return {
    id: "verify-global-writer-endpoint",
    summary: `the global writer endpoint of ${targets.globalClusterIdentifier} resolves to ${targets.regions[to].clusterIdentifier}'s cluster endpoint`,
    mutating: false,
    timeoutSeconds: 10 * 60,
    async decide(context): Promise<Decision> {
      const { state } = await globalClusterFromTarget(context);
      if (!state.endpoint) {
        throw new StepFailure(`${targets.globalClusterIdentifier} reports no global writer endpoint`);
      }
      const endpoint = state.endpoint;
      const expected = (await context.lookups.cluster(to)).endpoint.toLowerCase();
      const resolves = async () => {
        const names = (await context.runtime.resolveCname(endpoint).catch(() => [])).map((n) => n.toLowerCase());
        return { done: names.includes(expected), detail: `${endpoint} -> ${names.join(", ") || "nothing"}` };
      };
      const now = await resolves();
      return now.done
        ? { kind: "ok", detail: now.detail }
        : { kind: "wait", detail: now.detail, intervalSeconds: 10, poll: resolves };
    },
  };
}
