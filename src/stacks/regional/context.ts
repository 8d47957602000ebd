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

/** The other region of the pair: DR for primary, primary for DR. */
export function peerRole(role: RegionRole): RegionRole {
  return role === "primary" ? "dr" : "primary";
}

/** The alias every region gives its customer key, so a peer can name it before it exists. */
export function dataKeyAlias(namer: Namer): string {
  return namer.name("data");
}

/** ARN of `role`'s data key by alias: knowable at synth time, unlike the key id. */
export function dataKeyAliasArn(ctx: RegionContext, role: RegionRole): string {
  const region = ctx.config.regions[role].region;
  return `arn:aws:kms:${region}:${ctx.accountId}:alias/${dataKeyAlias(ctx.namer.forScope(role))}`;
}
