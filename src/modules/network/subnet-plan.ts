import { cidrSubnet, formatCidr, isCidr, parseCidr } from "../../config/network";
import { azSuffix, SUBNET_SLOT_LETTERS } from "../../config/regions";

/** The three subnet CIDRs of one Availability Zone. */
export interface ZoneSubnetPlan {
  /** The AZ's letter (`b` for `us-east-2b`): the key of its constructs. */
  readonly letter: string;
  readonly zone: string;
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
 * pod a VPC address; public and data take a quarter each, in four slots. A zone's slot is its
 * letter's position in `abcd`, not its position in the list, so removing or adding an AZ never
 * moves another AZ's subnets (a moved CIDR would replace the subnet and everything in it).
 *
 * For 10.0.0.0/16, zone `b`: private 10.0.32.0/19, public 10.0.144.0/20, data 10.0.208.0/20.
 */
export function planSubnets(vpcCidr: string, availabilityZones: readonly string[]): readonly ZoneSubnetPlan[] {
  const vpc = parseCidr(vpcCidr);
  if (!isCidr(vpc)) {
    throw new Error(`planSubnets: vpcCidr ${vpc.error}`);
  }
  if (vpc.prefixLength < SMALLEST_PREFIX || vpc.prefixLength > LARGEST_PREFIX) {
    throw new Error(
      `planSubnets: vpcCidr "${vpcCidr}" is a /${vpc.prefixLength}; use /${SMALLEST_PREFIX} to /${LARGEST_PREFIX} so every tier gets at least a /28 per AZ`,
    );
  }
  if (availabilityZones.length === 0) {
    throw new Error("planSubnets: availabilityZones is empty; list at least one zone, e.g. us-east-2a");
  }

  const privateHalf = cidrSubnet(vpc, 1, 0);
  const publicQuarter = cidrSubnet(vpc, 2, 2);
  const dataQuarter = cidrSubnet(vpc, 2, 3);
  const seen = new Set<string>();

  return availabilityZones.map((zone) => {
    const letter = azSuffix(zone);
    const slot = SUBNET_SLOT_LETTERS.indexOf(letter);
    if (!/^[a-z]$/.test(letter) || slot < 0) {
      throw new Error(
        `planSubnets: zone "${zone}" ends in "${letter}"; subnets are planned by AZ letter and only ${[...SUBNET_SLOT_LETTERS].join(", ")} have slots`,
      );
    }
    if (seen.has(letter)) {
      throw new Error(
        `planSubnets: zone letter "${letter}" appears twice in [${availabilityZones.join(", ")}]; list each zone once`,
      );
    }
    seen.add(letter);
    return {
      letter,
      zone,
      public: formatCidr(cidrSubnet(publicQuarter, 2, slot)),
      private: formatCidr(cidrSubnet(privateHalf, 2, slot)),
      data: formatCidr(cidrSubnet(dataQuarter, 2, slot)),
    };
  });
}
