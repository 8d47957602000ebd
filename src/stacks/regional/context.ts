import type { RegionConfig, RegionRole, TitanConfig } from "../../config";
import type { Network } from "../../modules/network/network";
import type { AppLogGroups } from "../../modules/observability/app-logs";
import type { RegionalKey } from "../../modules/security/kms-key";
import type { TierSecurityGroups } from "../../modules/security/security-groups";
import type { Namer } from "../../naming";
import type { RegionalCompute } from "./compute";
import type { DataTier } from "./data-tier";
import type { RegionalDelivery } from "./delivery";
import type { RegionalObservability } from "./observability";
import type { RegionalStorage } from "./storage";
import type { RegionalWeb } from "./web";

/** What every part of a regional stack needs to know about where it is being built. */
export interface RegionContext {
  readonly config: TitanConfig;
  readonly role: RegionRole;
  readonly region: RegionConfig;
  readonly namer: Namer;
  readonly accountId: string;
  readonly key: RegionalKey;
}

/** The VPC and the security groups every other part lives in. */
export interface RegionFoundation {
  readonly network: Network;
  readonly securityGroups: TierSecurityGroups;
}

/**
 * What a region is made of, in the order `RegionalStack` builds it. Every builder in this folder
 * has one shape, `build<Part>(scope, ctx, parts)`, where `parts` picks the parts built before it
 * that it uses: the order the parts must be built in is in their types, and a part that starts
 * needing another shows up as a type error where the stack calls it too early.
 */
export interface RegionParts {
  readonly foundation: RegionFoundation;
  readonly dataTier: DataTier;
  readonly storage: RegionalStorage;
  readonly appLogs: AppLogGroups;
  readonly web: RegionalWeb;
  readonly delivery: RegionalDelivery;
  readonly compute: RegionalCompute;
  readonly observability: RegionalObservability;
}

/** The alias every region gives its customer key, so a peer can name it before it exists. */
export function dataKeyAlias(namer: Namer): string {
  return namer.name("data");
}
