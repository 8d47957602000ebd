/**
 * Runs a procedure's steps in order, one timestamped line per event, each step bounded by its
 * timeout. A dry run decides every step (read-only calls) and never runs an `act`; without
 * credentials it prints what each step would look at and do. A failure says which step, why, what
 * was not run, and that running the same command again continues where it stopped.
 */
import { type Decision, type Step, type StepContext, StepFailure, type Wait } from "./step";

export type StepStatus = "ok" | "skipped" | "done" | "would" | "offline" | "failed" | "not run";

export interface StepRecord {
  readonly id: string;
  readonly status: StepStatus;
  readonly detail: string;
  readonly startedAt: string;
  readonly seconds: number;
  readonly budgetTerm?: string;
}

export interface RunMode {
  /** Decide every step, change nothing. */
  readonly dryRun: boolean;
  /** Whether AWS can be called (credentials found). */
  readonly live: boolean;
}

export class RunbookFailed extends Error {
  constructor(
    message: string,
    readonly records: readonly StepRecord[],
  ) {
    super(message);
    this.name = "RunbookFailed";
  }
}

function stamp(ctx: StepContext): string {
  return new Date(ctx.runtime.now()).toISOString();
}

async function waitFor(wait: Wait, ctx: StepContext, step: Step, deadline: number, started: number): Promise<string> {
  ctx.runtime.print(`${stamp(ctx)}        waiting: ${wait.detail}`);
  for (;;) {
    const state = await wait.poll();
    if (state.done) {
      return state.detail;
    }
    if (ctx.runtime.now() + wait.intervalSeconds * 1000 > deadline) {
      const elapsed = Math.round((ctx.runtime.now() - started) / 1000);
      throw new StepFailure(
        `timed out after ${elapsed} s (the step allows ${step.timeoutSeconds} s) waiting for ${wait.detail}; last seen: ${state.detail}`,
      );
    }
    await ctx.runtime.sleep(wait.intervalSeconds * 1000);
  }
}

/** Decides a step and carries it out; waits, then decides again, until it settles. */
async function settle(step: Step, ctx: StepContext, mode: RunMode, started: number): Promise<[StepStatus, string]> {
  const deadline = started + step.timeoutSeconds * 1000;
  let decision: Decision = await step.decide(ctx);
  for (;;) {
    switch (decision.kind) {
      case "ok":
        return ["ok", decision.detail];
      case "skip":
        return ["skipped", decision.detail];
      case "act": {
        if (mode.dryRun) {
          return ["would", decision.detail];
        }
        ctx.runtime.print(`${stamp(ctx)}        calling: ${decision.detail}`);
        const waits = await decision.act();
        const settled: string[] = [];
        for (const wait of waits) {
          settled.push(await waitFor(wait, ctx, step, deadline, started));
        }
        return ["done", [decision.detail, ...settled].join("; ")];
      }
      case "wait":
        if (mode.dryRun) {
          return ["would", `wait: ${decision.detail}`];
        }
        await waitFor(decision, ctx, step, deadline, started);
        decision = await step.decide(ctx);
    }
  }
}

function describeError(error: unknown): string {
  if (error instanceof StepFailure) {
    return error.message;
  }
  const { name, message } = error as Error;
  return `${name}: ${message}`;
}

export async function runSteps(steps: readonly Step[], ctx: StepContext, mode: RunMode): Promise<StepRecord[]> {
  const records: StepRecord[] = [];
  for (const [index, step] of steps.entries()) {
    const started = ctx.runtime.now();
    const label = `[${index + 1}/${steps.length}] ${step.id}`;
    const record = (status: StepStatus, detail: string) => {
      const seconds = (ctx.runtime.now() - started) / 1000;
      records.push({
        id: step.id,
        status,
        detail,
        startedAt: new Date(started).toISOString(),
        seconds,
        budgetTerm: step.budgetTerm,
      });
      const took = status === "done" || seconds >= 1 ? ` (${seconds.toFixed(1)} s)` : "";
      ctx.runtime.print(`${stamp(ctx)} ${label}: ${status}${took}: ${detail}`);
    };
    if (!mode.live) {
      record("offline", `${step.mutating ? "would change" : "would check"}: ${step.summary}`);
      continue;
    }
    try {
      const [status, detail] = await settle(step, ctx, mode, started);
      record(status, detail);
    } catch (error) {
      const why = describeError(error);
      record("failed", why);
      for (const rest of steps.slice(index + 1)) {
        records.push({ id: rest.id, status: "not run", detail: rest.summary, startedAt: "", seconds: 0 });
      }
      const notRun = steps.slice(index + 1).map((rest) => rest.id);
      throw new RunbookFailed(
        [
          `step ${step.id} failed: ${why}`,
          notRun.length > 0 ? `not run: ${notRun.join(", ")}` : "it was the last step",
          "run the same command again to continue: steps already done are found done and skipped",
        ].join("\n"),
        records,
      );
    }
  }
  return records;
}
