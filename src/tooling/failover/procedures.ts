/**
 * The three moves of the writer, each a fixed list of steps in a fixed direction.
 *
 * Switchover and failback (planned): capacity first, then traffic (the target serves everything,
 * writing through Aurora's write forwarding), and only then the writer, so writes pause only while
 * Aurora switches and the DB name follows. Failover (the source region is lost): the writer first,
 * since nothing is served until it moves, with capacity raised just before so nodes boot meanwhile;
 * it never calls the lost region.
 */
import type { RegionRole } from "../../config";
import type { Move, Step, StepContext } from "./step";
import { promoteCache } from "./steps/cache";
import { raiseCapacity, waitForCapacity } from "./steps/capacity";
import { checkGlobalCluster, checkOriginHealth, checkReplicationLag } from "./steps/checks";
import { moveWriter, verifyWriterEndpoint, waitForWriter } from "./steps/database";
import { pinTraffic, pointDbName } from "./steps/names";
import { drainOldAnswers, verifyOriginHealthy } from "./steps/traffic";

/** Where each move takes the writer. */
export const DESTINATION: Readonly<Record<Move, RegionRole>> = {
  switchover: "dr",
  failover: "dr",
  failback: "primary",
};

export function otherRole(role: RegionRole): RegionRole {
  return role === "primary" ? "dr" : "primary";
}

type Inputs = Pick<StepContext, "targets" | "from" | "to" | "choices">;

/**
 * What every move checks first, read-only. A planned move needs the target healthy; a failover
 * only reports it (an unhealthy DR still gets the writer, and traffic follows once it passes).
 */
function checks(move: Move, ctx: Inputs): Step[] {
  return [
    checkGlobalCluster(move, ctx),
    checkReplicationLag(move, ctx),
    checkOriginHealth(ctx.from, false, ctx),
    checkOriginHealth(ctx.to, move !== "failover", ctx),
  ];
}

export function steps(move: Move, ctx: Inputs): Step[] {
  const { from, to, targets } = ctx;
  const cache = targets.cacheGlobalSuffix ? [promoteCache(to, targets.cacheGlobalSuffix, ctx)] : [];
  if (move === "failover") {
    return [
      ...checks(move, ctx),
      raiseCapacity(to, ctx),
      moveWriter(move, ctx),
      waitForWriter(move, ctx),
      pointDbName(to, ctx),
      // Pinned now, a recovering source region takes no traffic back before the writer does.
      pinTraffic(ctx),
      ...cache,
      waitForCapacity(to, ctx),
      verifyOriginHealthy(to, ctx),
      verifyWriterEndpoint(ctx),
    ];
  }
  return [
    ...checks(move, ctx),
    raiseCapacity(to, ctx),
    waitForCapacity(to, ctx),
    pinTraffic(ctx),
    drainOldAnswers(),
    moveWriter(move, ctx),
    waitForWriter(move, ctx),
    pointDbName(to, ctx),
    pointDbName(from, ctx),
    ...cache,
    verifyOriginHealthy(to, ctx),
    verifyWriterEndpoint(ctx),
  ];
}

/**
 * The reviewed apply of `stacks`, in order: `npm run plan` (live, guard on) shows that nothing the
 * runbook did changes, then `npm run apply` applies exactly that plan, one stack at a time.
 */
function reviewedApply(stacks: readonly string[]): string {
  return `npm run plan -- ${stacks.join(" ")} --live, then ${stacks.map((stack) => `npm run apply -- ${stack}`).join(", ")}`;
}

/** What to apply afterwards, with this config; each plan shows no change to what the runbook did. */
export function followUps(move: Move): string[] {
  if (move === "failover") {
    return [
      `${reviewedApply(["dr", "global"])}   (DR's backup plan, lag alarm and helm deploy values follow the writer; nothing the runbook changed moves)`,
      `when us-east-2 is back and its cluster has rejoined as a secondary: ${reviewedApply(["primary"])} (standby size, its DB name on its reader), then npm run failover -- failback when you choose`,
    ];
  }
  return move === "switchover"
    ? [
        `${reviewedApply(["dr", "global", "primary"])}   (primary drops to standby; backups, alarms and helm deploy values follow the writer)`,
      ]
    : [
        `${reviewedApply(["primary", "global", "dr"])}   (DR drops to standby; backups, alarms and helm deploy values follow the writer)`,
      ];
}
