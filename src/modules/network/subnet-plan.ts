import { cidrSubnet, formatCidr, isCidr, parseCidr } from "../../config/network";
import { azNumber, SUBNET_SLOT_COUNT } from "../../config/regions";

/** The three subnet CIDRs of one Availability Zone. */
export interface ZoneSubnetPlan {
  /** The AZ ID (`use2-az2`): the same physical zone in every account, and the key of its constructs. */
  readonly zoneId: string;
  /** Load balancers and NAT gateways. */
  readonly public: string;
  /** The app tier: EKS pods take their IPs from here, so it gets the most addresses. */
  readonly private: string;
  /** Aurora and Redis: no route to the internet. */
  readonly data: string;
}

/** The smallest subnet AWS allows is a /28, which the public and data tiers reach at a /24 VPC. */
const LARGEST_PREFIX = 24;
/** AWS allows no VPC larger than a /16. */
const SMALLEST_PREFIX = 16;

/**
 * Plans the public, private and data subnets of each Availability Zone, in the order given.
 *
 * The private (app) tier takes the first half of the VPC in four slots, because EKS gives every
 * pod a VPC address; public and data take a quarter each, in four slots. A zone's slot is its AZ
 * number (`az1` is slot 0), not its position in the list, so removing or adding an AZ never moves
 * another AZ's subnets (a moved CIDR would replace the subnet and everything in it).
 *
 * For 10.0.0.0/16, zone `use2-az2`: private 10.0.32.0/19, public 10.0.144.0/20, data 10.0.208.0/20.
 */
export function planSubnets(vpcCidr: string, availabilityZoneIds: readonly string[]): readonly ZoneSubnetPlan[] {
  const vpc = parseCidr(vpcCidr);
  if (!isCidr(vpc)) {
    throw new Error(`planSubnets: vpcCidr ${vpc.error}`);
  }
  if (vpc.prefixLength < SMALLEST_PREFIX || vpc.prefixLength > LARGEST_PREFIX) {
    throw new Error(
      `planSubnets: vpcCidr "${vpcCidr}" is a /${vpc.prefixLength}; use /${SMALLEST_PREFIX} to /${LARGEST_PREFIX} so every tier gets at least a /28 per AZ`,
    );
  }
  if (availabilityZoneIds.length === 0) {
    throw new Error("planSubnets: availabilityZoneIds is empty; list at least one AZ ID, e.g. use2-az1");
  }

  const privateHalf = cidrSubnet(vpc, 1, 0);
  const publicQuarter = cidrSubnet(vpc, 2, 2);
  const dataQuarter = cidrSubnet(vpc, 2, 3);
  const slotsTaken = new Map<number, string>();

  return availabilityZoneIds.map((zoneId) => {
    const number = azNumber(zoneId);
    if (!(number >= 1 && number <= SUBNET_SLOT_COUNT)) {
      throw new Error(
        `planSubnets: "${zoneId}" is not an AZ ID numbered 1 to ${SUBNET_SLOT_COUNT} (e.g. use2-az1); subnets are planned in one slot per AZ number`,
      );
    }
    const holder = slotsTaken.get(number);
    if (holder !== undefined) {
      throw new Error(
        `planSubnets: "${zoneId}" and "${holder}" share AZ number ${number} in [${availabilityZoneIds.join(", ")}]; list each zone of one region once`,
      );
    }
    slotsTaken.set(number, zoneId);
    const slot = number - 1;
    return {
      zoneId,
      public: formatCidr(cidrSubnet(publicQuarter, 2, slot)),
      private: formatCidr(cidrSubnet(privateHalf, 2, slot)),
      data: formatCidr(cidrSubnet(dataQuarter, 2, slot)),
    };
  });
}
