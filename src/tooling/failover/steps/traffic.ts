/** Waiting on traffic: old DNS answers draining before a switchover, Route 53 seeing the target healthy. */
import type { RegionRole } from "../../../config";
import { AWS_FIGURES } from "../../dr/aws-facts";
import { healthCheckHealthy } from "../aws/route53";
import type { Decision, Step, StepContext } from "../step";
import { globalClusterFromTarget } from "./checks";

/**
 * Before a planned switchover pauses writes: the answers CloudFront cached before the traffic was
 * pinned (an ELB alias's fixed TTL) expire, so every request is in the target region, writing
 * through forwarding, when the writer moves. Skipped when the writer has moved already.
 */
export function drainOldAnswers(): Step {
  const ttl = AWS_FIGURES.elbAliasTtl.seconds;
  // Set on the first decision, so deciding again after the wait finds it over.
  let until: number | undefined;
  return {
    id: "drain-old-answers",
    summary: `wait ${ttl} s, the TTL of the answers CloudFront cached before the pair changed`,
    mutating: false,
    timeoutSeconds: ttl + 60,
    async decide(context): Promise<Decision> {
      const { member } = await globalClusterFromTarget(context);
      if (member?.isWriter) {
        return { kind: "skip", detail: "the writer has moved already" };
      }
      const end = until ?? context.runtime.now() + ttl * 1000;
      until = end;
      const left = () => Math.max(0, Math.ceil((end - context.runtime.now()) / 1000));
      if (left() === 0) {
        return { kind: "ok", detail: `${ttl} s have passed since the pair changed` };
      }
      return {
        kind: "wait",
        detail: `cached answers expiring (${ttl} s)`,
        intervalSeconds: 5,
        poll: async () => ({ done: left() === 0, detail: `${left()} s left` }),
      };
    },
  };
}

/** Until Route 53 sees `role`'s origin healthy: the last check that traffic can be served there. */
export function verifyOriginHealthy(role: RegionRole, ctx: Pick<StepContext, "targets">): Step {
  const origin = ctx.targets.originNames[role];
  return {
    id: `verify-${role}-origin-healthy`,
    summary: `GetHealthCheckStatus of ${origin} until Route 53 sees it healthy`,
    mutating: false,
    timeoutSeconds: 5 * 60,
    async decide(context): Promise<Decision> {
      const id = await context.lookups.healthCheckId(role);
      const check = async () => {
        const { healthy, detail } = await healthCheckHealthy(context.clients.route53(), id);
        return { done: healthy, detail: `${origin}: ${detail}` };
      };
      const now = await check();
      return now.done
        ? { kind: "ok", detail: now.detail }
        : { kind: "wait", detail: now.detail, intervalSeconds: 10, poll: check };
    },
  };
}
