/**
 * A runbook step: it looks at AWS first and then decides, so running it again after it succeeded
 * finds nothing to do, and a dry run shows what it would do without doing it.
 */
import type { RegionRole } from "../../config";
import type { AwsClients } from "./aws/clients";
import type { Lookups } from "./lookups";
import type { RecoveryTargets } from "./targets";

/** What a step found. */
export type Decision =
  /** A check passed, or there is nothing to do. */
  | { readonly kind: "ok"; readonly detail: string }
  /** Already done (a re-run after partial success). */
  | { readonly kind: "skip"; readonly detail: string }
  /**
   * A change to make: `detail` names the call and its parameters; `act` makes it and returns what
   * to wait for afterwards (a Route 53 change reaching every name server).
   */
  | { readonly kind: "act"; readonly detail: string; act(): Promise<readonly Wait[]> }
  /** A condition not yet true; the step is decided again once it holds. */
  | Wait;

/** A condition polled every `intervalSeconds` until it holds or the step times out. */
export interface Wait {
  readonly kind: "wait";
  readonly detail: string;
  readonly intervalSeconds: number;
  poll(): Promise<{ readonly done: boolean; readonly detail: string }>;
}

/** A check failed or a step cannot go on: its message says why and what to do. */
export class StepFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StepFailure";
  }
}

/** Clock, sleep and output: real in the CLI, virtual in tests. */
export interface Runtime {
  now(): number;
  sleep(milliseconds: number): Promise<void>;
  print(line: string): void;
  /** Resolves a DNS name's CNAME targets (to verify the global writer endpoint). */
  resolveCname(name: string): Promise<string[]>;
}

/** Choices the operator made on the command line. */
export interface RunChoices {
  readonly allowDataLoss: boolean;
  /** Refuse a switchover while the target lags more than this. */
  readonly maxLagSeconds: number;
}

export interface StepContext {
  readonly targets: RecoveryTargets;
  /** The region the writer leaves, and the one it moves to. */
  readonly from: RegionRole;
  readonly to: RegionRole;
  readonly clients: AwsClients;
  readonly lookups: Lookups;
  readonly runtime: Runtime;
  readonly choices: RunChoices;
}

export interface Step {
  readonly id: string;
  /** What the step does, from the targets alone: what `plan` prints without credentials. */
  readonly summary: string;
  /** Whether it may change AWS (never in a dry run). */
  readonly mutating: boolean;
  readonly timeoutSeconds: number;
  /** The recovery budget's term this step's time is measured against, if any. */
  readonly budgetTerm?: string;
  decide(ctx: StepContext): Promise<Decision>;
}

/** The three kinds of move, each in its fixed direction. */
export type Move = "switchover" | "failover" | "failback";
