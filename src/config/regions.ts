/**
 * What titan knows about AWS regions and their Availability Zones.
 *
 * Zones are configured by AZ ID (`use2-az1`), never by name (`us-east-2a`): in the regions AWS
 * opened before November 2012 (us-east-1, us-west-1, us-west-2, ap-northeast-1, ...) the letters
 * are mapped to physical zones per account, so `us-west-1c` exists in some accounts and not in
 * others, while an AZ ID names the same physical zone in every account. A region missing from the
 * table below is checked by ID shape only.
 */

export type RegionRole = "primary" | "dr";

export const REGION_ROLES: readonly RegionRole[] = ["primary", "dr"];

/**
 * AZ IDs each region offers to new accounts (AWS Global Infrastructure, "AWS Availability Zones";
 * EFS "Supported Availability Zones" lists the same IDs per region). Constrained zones that AWS no
 * longer offers to new accounts (use1-az3, usw1-az2) are left out on purpose.
 */
export const REGION_AZ_IDS: Readonly<Record<string, readonly string[]>> = {
  "us-east-1": ["use1-az1", "use1-az2", "use1-az4", "use1-az5", "use1-az6"],
  "us-east-2": ["use2-az1", "use2-az2", "use2-az3"],
  "us-west-1": ["usw1-az1", "usw1-az3"],
  "us-west-2": ["usw2-az1", "usw2-az2", "usw2-az3", "usw2-az4"],
  "ca-central-1": ["cac1-az1", "cac1-az2", "cac1-az4"],
  "eu-west-1": ["euw1-az1", "euw1-az2", "euw1-az3"],
  "eu-west-2": ["euw2-az1", "euw2-az2", "euw2-az3"],
  "eu-central-1": ["euc1-az1", "euc1-az2", "euc1-az3"],
  "ap-southeast-2": ["apse2-az1", "apse2-az2", "apse2-az3"],
};

/**
 * Subnets are planned in four slots per tier, one per AZ number `az1`..`az4` (see planSubnets):
 * keying by the zone's own number rather than its list position keeps every subnet's CIDR stable
 * when an AZ is added or removed.
 */
export const SUBNET_SLOT_COUNT = 4;

const AZ_ID = /^([a-z]+\d)-az(\d+)$/;
const AZ_NAME = /^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/;

const DIRECTION_CODES: Readonly<Record<string, string>> = {
  east: "e",
  west: "w",
  north: "n",
  south: "s",
  central: "c",
  northeast: "ne",
  northwest: "nw",
  southeast: "se",
  southwest: "sw",
};

/**
 * The AZ ID prefix of a region, as AWS forms it: the area, the direction's initials and the
 * number (`us-east-2` -> `use2`, `ap-southeast-2` -> `apse2`), or undefined for a region whose
 * direction word this table does not know.
 */
export function azIdPrefix(region: string): string | undefined {
  // GovCloud IDs (usgw1-az1) follow another pattern: checked by shape only.
  const match = /^([a-z]{2})-([a-z]+)-(\d)$/.exec(region);
  const direction = match ? DIRECTION_CODES[match[2]] : undefined;
  return match && direction ? `${match[1]}${direction}${match[3]}` : undefined;
}

/** The command that lists a region's zone names beside their AZ IDs, for error messages. */
export function describeZonesCommand(region: string): string {
  return `aws ec2 describe-availability-zones --region ${region} --query "AvailabilityZones[].[ZoneName,ZoneId]" --output table`;
}

/** Why `zoneId` cannot be used in `region`, or undefined when it can. */
export function availabilityZoneProblem(region: string, zoneId: string): string | undefined {
  const prefix = azIdPrefix(region) ?? "use2";
  const example = (REGION_AZ_IDS[region] ?? [`${prefix}-az1`]).slice(0, 2).join(", ");
  if (AZ_NAME.test(zoneId)) {
    return (
      `"${zoneId}" is an Availability Zone name; names are mapped to physical zones per account (in many ` +
      `accounts ${region}'s letters point elsewhere or do not exist), so titan takes AZ IDs such as ${example}. ` +
      `Find yours with: ${describeZonesCommand(region)}`
    );
  }
  const match = AZ_ID.exec(zoneId);
  if (!match) {
    return `"${zoneId}" is not an AZ ID; AZ IDs look like ${example} (${describeZonesCommand(region)})`;
  }
  const expectedPrefix = azIdPrefix(region);
  if (expectedPrefix !== undefined && match[1] !== expectedPrefix) {
    return `"${zoneId}" is an AZ ID of another region; ${region}'s start with "${expectedPrefix}-", e.g. ${example}`;
  }
  const offered = REGION_AZ_IDS[region];
  if (offered !== undefined && !offered.includes(zoneId)) {
    return `${region} offers no zone "${zoneId}" to new accounts; use one of ${offered.join(", ")}`;
  }
  const slot = azNumber(zoneId);
  if (slot < 1 || slot > SUBNET_SLOT_COUNT) {
    return `"${zoneId}": titan plans subnets in ${SUBNET_SLOT_COUNT} slots, one per AZ number az1-az${SUBNET_SLOT_COUNT}; choose zones numbered 1 to ${SUBNET_SLOT_COUNT}`;
  }
  return undefined;
}

/** The number of an AZ ID (`use2-az3` -> 3); NaN when it is not one. */
export function azNumber(zoneId: string): number {
  const match = AZ_ID.exec(zoneId);
  return match ? Number(match[2]) : Number.NaN;
}
