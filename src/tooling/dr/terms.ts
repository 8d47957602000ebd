/**
 * The shape of a recovery budget: scenarios made of parallel paths, paths made of sequential terms,
 * and every term carrying where its number comes from.
 */
import type { ConfigPath } from "../../config";
import type { AwsDoc, AwsFigure } from "./aws-facts";
import { addressOf, type FoundResource } from "./synthesized";

/** Where a number comes from. */
export type Source =
  | { readonly kind: "aws-doc"; readonly url: string; readonly says: string }
  | {
      readonly kind: "synthesized";
      readonly stack: string;
      /** `aws_route53_health_check.PrimaryHealthCheck_0819586E.request_interval` */
      readonly attribute: string;
      readonly constructPath: string;
    }
  | { readonly kind: "config"; readonly path: string };

export function docSource(doc: AwsDoc | AwsFigure): Source {
  return { kind: "aws-doc", url: doc.url, says: doc.says };
}

export function synthSource(resource: FoundResource, attribute: string): Source {
  return {
    kind: "synthesized",
    stack: resource.stack,
    attribute: `${addressOf(resource)}.${attribute}`,
    constructPath: resource.constructPath,
  };
}

export function configSource(path: ConfigPath): Source {
  return { kind: "config", path };
}

/** One duration on a recovery path. */
export interface Term {
  /** Stable key, for JSON readers and tests. */
  readonly id: string;
  readonly label: string;
  readonly seconds: number;
  /** How the seconds are made of their inputs, e.g. `3 x 10 s + 4 s + 2 s`. */
  readonly formula: string;
  readonly sources: readonly Source[];
  /** Set when AWS publishes no figure (the seconds come from `dr.assumptions`): what a game day has to measure. */
  readonly unpublished?: string;
  /** Set when the figure is documented but its use rests on behaviour AWS does not document. */
  readonly assumes?: string;
}

/** Who moves a path forward. */
export type Actor = "automatic" | "operator";

/** Terms that run one after another; a scenario's paths run side by side. */
export interface RecoveryPath {
  readonly id: string;
  readonly label: string;
  readonly actor: Actor;
  readonly terms: readonly Term[];
  readonly seconds: number;
}

export function recoveryPath(id: string, label: string, actor: Actor, terms: readonly Term[]): RecoveryPath {
  return { id, label, actor, terms, seconds: terms.reduce((sum, term) => sum + term.seconds, 0) };
}

/** A way of moving the writer: its RTO is its slowest path. */
export interface Scenario {
  readonly id: "failover" | "switchover";
  readonly label: string;
  /** What the RTO of this scenario measures. */
  readonly measures: string;
  readonly from: string;
  readonly to: string;
  readonly paths: readonly RecoveryPath[];
  readonly rtoSeconds: number;
  readonly criticalPath: string;
}

export function scenario(fields: Omit<Scenario, "rtoSeconds" | "criticalPath">): Scenario {
  const critical = [...fields.paths].sort((a, b) => b.seconds - a.seconds)[0];
  return { ...fields, rtoSeconds: critical?.seconds ?? 0, criticalPath: critical?.id ?? "" };
}

/** What one data store can lose in an unplanned failover. */
export interface RpoRow {
  readonly id: string;
  readonly store: string;
  /** The most recent data lost, in seconds; null when it is not a duration (a cold cache loses all of it). */
  readonly seconds: number | null;
  /** How far the figure can be trusted. */
  readonly kind: "bound" | "typical" | "schedule" | "none";
  readonly detail: string;
  /** Whether `dr.rpoSeconds` holds it, and why not when it does not. */
  readonly judged: boolean;
  readonly notJudgedBecause?: string;
  readonly sources: readonly Source[];
}

/** A seconds figure for humans: `786 s (13 min 6 s)`. */
export function formatSeconds(seconds: number): string {
  if (seconds < 120) {
    return `${seconds} s`;
  }
  const units: [number, string][] = [
    [86_400, "d"],
    [3_600, "h"],
    [60, "min"],
    [1, "s"],
  ];
  let rest = seconds;
  const parts: string[] = [];
  for (const [size, unit] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  return `${seconds} s (${parts.join(" ")})`;
}
