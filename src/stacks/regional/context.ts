import type { RegionConfig, RegionRole, TitanConfig } from "../../config";
import type { RegionalKey } from "../../modules/security/kms-key";
import type { Namer } from "../../naming";

/** What every part of a regional stack needs to know about where it is being built. */
export interface RegionContext {
  readonly config: TitanConfig;
  readonly role: RegionRole;
  readonly region: RegionConfig;
  readonly namer: Namer;
  readonly accountId: string;
  readonly key: RegionalKey;
}

/** The alias every region gives its customer key, so a peer can name it before it exists. */
export function dataKeyAlias(namer: Namer): string {
  return namer.name("data");
}
