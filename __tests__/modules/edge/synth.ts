import { Testing } from "cdktf";
import type { Construct } from "constructs";

/** A synthesized scope, parsed: resources, data sources and top-level blocks by type. */
export interface SynthesizedScope {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly ephemeral?: Record<string, Record<string, Record<string, unknown>>>;
}

export function synthScope(build: (scope: Construct) => void): SynthesizedScope {
  return JSON.parse(Testing.synthScope(build));
}

/** The one resource of `type`. */
export function one(json: SynthesizedScope, type: string): Record<string, unknown> {
  const values = Object.values(json.resource[type] ?? {});
  expect(values).toHaveLength(1);
  return values[0];
}
