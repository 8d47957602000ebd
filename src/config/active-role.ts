import type { RegionRole } from "./regions";
import type { TitanConfig } from "./schema";

/** Whether a region is the live one or the warm standby. */
export type RegionState = "active" | "standby";

/**
 * The state of `role`'s region under the config's `dr.activeRole`: the active region holds the
 * Aurora writer, takes full traffic and gets the active capacity; the other waits at its standby
 * size. A failover is this function's answer flipping, applied region by region.
 */
export function regionState(config: TitanConfig, role: RegionRole): RegionState {
  return config.dr.activeRole === role ? "active" : "standby";
}
