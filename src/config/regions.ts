/**
 * What titan knows about AWS regions and their Availability Zones.
 *
 * AZ letters are account-specific in a few regions (us-west-1 offers `b` and `c` to most accounts,
 * which is why seed 000 lists only those), so the table lists the letters that every account can
 * use. A region missing from the table is checked by name shape only.
 */

export type RegionRole = "primary" | "dr";

export const REGION_ROLES: readonly RegionRole[] = ["primary", "dr"];

export const REGION_PATTERN = /^(us|eu|ap|sa|ca|me|af|il|mx)-(gov-)?[a-z]+-\d$/;

const AZ_LETTERS: Readonly<Record<string, string>> = {
  "us-east-1": "abcdef",
  "us-east-2": "abc",
  "us-west-1": "bc",
  "us-west-2": "abcd",
  "ca-central-1": "abd",
  "eu-west-1": "abc",
  "eu-west-2": "abc",
  "eu-central-1": "abc",
  "ap-southeast-2": "abc",
};

/**
 * Subnets are addressed by AZ letter (slot a..d), so a region's AZ may only use those four
 * letters. Keying by letter rather than list position keeps every subnet's CIDR stable when an AZ
 * is added or removed.
 */
export const SUBNET_SLOT_LETTERS = "abcd";

/** Why `zone` cannot be used in `region`, or undefined when it can. */
export function availabilityZoneProblem(region: string, zone: string): string | undefined {
  if (!zone.startsWith(region) || !/^[a-z]$/.test(zone.slice(region.length))) {
    return `"${zone}" is not an Availability Zone of ${region}; AZ names are the region followed by one letter, e.g. ${region}b`;
  }
  const letter = zone.slice(region.length);
  const offered = AZ_LETTERS[region];
  if (offered !== undefined && !offered.includes(letter)) {
    return `${region} has no zone "${zone}" for every account; use one of ${[...offered].map((l) => region + l).join(", ")}`;
  }
  if (!SUBNET_SLOT_LETTERS.includes(letter)) {
    return `"${zone}": titan plans subnets by AZ letter and has slots for a-d only; choose zones ${region}a-${region}d`;
  }
  return undefined;
}

/** The letter that keys an AZ's subnets and constructs (`us-east-2b` -> `b`). */
export function azSuffix(zone: string): string {
  return zone.slice(-1);
}
