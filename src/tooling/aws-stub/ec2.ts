/**
 * EC2 (query protocol, EC2 dialect):
 * - `aws_ec2_managed_prefix_list` looked up by name: the provider describes the lists with a
 *   `prefix-list-name` filter, then reads the entries. Only the AWS-managed lists titan's stacks
 *   name exist, in every region, each with a stable id and the maximum size AWS publishes (the
 *   weight a security-group rule referencing it carries).
 * - `aws_availability_zone` lookups that check, at plan time, that the account has each configured
 *   AZ ID. The stub's account has every AZ ID of the request's region numbered 1 to 6 and names
 *   them in order (`use2-az2` is `us-east-2b`); a real account maps names per account, which is why
 *   titan never configures them.
 */
import { createHash } from "node:crypto";
import { azIdPrefix } from "../../config/regions";
import { AwsError, queryList, requiredInput, type ServiceStub, stringInput, xmlFields } from "./protocol";

/** Maximum entries of the AWS-managed lists (VPC user guide, "AWS-managed prefix lists"). */
const MANAGED_PREFIX_LISTS: readonly { readonly pattern: RegExp; readonly maxEntries: number }[] = [
  { pattern: /^com\.amazonaws\.global\.(ipv6\.)?cloudfront\.origin-facing$/, maxEntries: 55 },
  { pattern: /^com\.amazonaws\.[a-z0-9-]+\.(ipv6\.)?route53-healthchecks$/, maxEntries: 25 },
];

/** A stable id for a list in a region, shaped like AWS's (`pl-` and 17 hex digits). */
export function prefixListId(name: string, region: string): string {
  return `pl-${createHash("sha256").update(`${region}/${name}`).digest("hex").slice(0, 17)}`;
}

/** The `Filter.N.Value.1` whose `Filter.N.Name` is `name`. */
function filterValue(input: Readonly<Record<string, unknown>>, name: string): string | undefined {
  return queryFilters(input).get(name)?.[0];
}

function managedList(name: string): { readonly maxEntries: number } | undefined {
  return MANAGED_PREFIX_LISTS.find((list) => list.pattern.test(name));
}

const ZONE_LETTERS = "abcdef";

/** Filters as EC2 receives them (`Filter.1.Name`, `Filter.1.Value.1`), by name. */
function queryFilters(input: Readonly<Record<string, unknown>>): Map<string, string[]> {
  const filters = new Map<string, string[]>();
  for (let n = 1; stringInput(input, `Filter.${n}.Name`) !== undefined; n++) {
    filters.set(stringInput(input, `Filter.${n}.Name`) as string, queryList(input, `Filter.${n}.Value`));
  }
  return filters;
}

interface StubZone {
  readonly zoneId: string;
  readonly zoneName: string;
}

function zonesOf(region: string): StubZone[] {
  const prefix = azIdPrefix(region);
  if (prefix === undefined) {
    return [];
  }
  return [...ZONE_LETTERS].map((letter, index) => ({
    zoneId: `${prefix}-az${index + 1}`,
    zoneName: `${region}${letter}`,
  }));
}

function zoneItem(zone: StubZone, region: string): string {
  return `<item>${xmlFields({
    zoneState: "available",
    optInStatus: "opt-in-not-required",
    regionName: region,
    zoneName: zone.zoneName,
    zoneId: zone.zoneId,
    groupName: region,
    networkBorderGroup: region,
    zoneType: "availability-zone",
  })}<messageSet/></item>`;
}

export const ec2: ServiceStub = {
  signingName: "ec2",
  protocol: "ec2",
  xmlNamespace: "http://ec2.amazonaws.com/doc/2016-11-15/",
  operations: {
    DescribeAvailabilityZones: (input, { region }) => {
      const ids = queryList(input, "ZoneId");
      const names = queryList(input, "ZoneName");
      const filters = queryFilters(input);
      const states = filters.get("state");
      const zones = zonesOf(region).filter(
        (zone) =>
          (ids.length === 0 || ids.includes(zone.zoneId)) &&
          (names.length === 0 || names.includes(zone.zoneName)) &&
          (states === undefined || states.includes("available")) &&
          (filters.get("zone-id") ?? [zone.zoneId]).includes(zone.zoneId),
      );
      return `<availabilityZoneInfo>${zones.map((zone) => zoneItem(zone, region)).join("")}</availabilityZoneInfo>`;
    },
    DescribeManagedPrefixLists: (input, { region }) => {
      const name = filterValue(input, "prefix-list-name");
      if (name === undefined) {
        throw new AwsError("InvalidParameterValue", "the stub answers prefix-list lookups by name only");
      }
      const list = managedList(name);
      if (list === undefined) {
        return "<prefixListSet/>";
      }
      const id = prefixListId(name, region);
      const item = xmlFields({
        prefixListId: id,
        addressFamily: name.includes(".ipv6.") ? "IPv6" : "IPv4",
        state: "create-complete",
        prefixListArn: `arn:aws:ec2:${region}:aws:prefix-list/${id}`,
        prefixListName: name,
        maxEntries: list.maxEntries,
        version: 1,
        ownerId: "AWS",
      });
      return `<prefixListSet><item>${item}</item></prefixListSet>`;
    },
    GetManagedPrefixListEntries: (input) => {
      const id = requiredInput(input, "PrefixListId");
      // Documentation ranges (RFC 5737): what the list holds does not matter to a plan.
      const entry = xmlFields({ cidr: "192.0.2.0/24", description: `offline stub entry of ${id}` });
      return `<entrySet><item>${entry}</item></entrySet>`;
    },
  },
};
