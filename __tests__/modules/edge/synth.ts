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

/** The distribution's origin names and timeouts as the default config sets them. */
export const DISTRIBUTION_ORIGINS = {
  failoverOriginName: "origin.api.example.com",
  primaryOriginName: "primary.origin.api.example.com",
  drOriginName: "dr.origin.api.example.com",
  originKeepAliveSeconds: 30,
  originResponseTimeoutSeconds: 30,
  originConnectionTimeoutSeconds: 5,
  originConnectionAttempts: 3,
  failoverConnectionTimeoutSeconds: 2,
  failoverResponseTimeoutSeconds: 10,
} as const;
