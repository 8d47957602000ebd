import type { RegionRole } from "../../config";

/**
 * The DNS names of the edge's origins, derived from the API's public name so every stack knows
 * them at synth time: `global` needs no ALB DNS name and reads nothing from the regions.
 */

/** The failover name: Route 53 answers with primary's ALB while it is healthy, else DR's. */
export function originHostname(apiHostname: string): string {
  return `origin.${apiHostname}`;
}

/** A region's own origin name, an alias of its ALB that its regional stack owns. */
export function regionalOriginHostname(role: RegionRole, apiHostname: string): string {
  return `${role}.${originHostname(apiHostname)}`;
}
