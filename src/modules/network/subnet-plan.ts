import { cidrSubnet, formatCidr, isCidr, parseCidr, VPC_PREFIX_LENGTH } from "../../config/network";
import { azNumber, SUBNET_SLOT_COUNT } from "../../config/regions";
import type { PropProblem } from "../../validation/prop-checks";

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

/**
 * Why {@link planSubnets} cannot plan `vpcCidr` over `availabilityZoneIds`: each problem names the
 * prop (`vpcCidr`, `availabilityZoneIds[1]`) as the `Network` construct takes it.
 */
export function subnetPlanProblems(vpcCidr: string, availabilityZoneIds: readonly string[]): PropProblem[] {
  const problems: PropProblem[] = [];
  const vpc = parseCidr(vpcCidr);
  if (!isCidr(vpc)) {
    problems.push({ prop: "vpcCidr", message: vpc.error });
  } else if (vpc.prefixLength < VPC_PREFIX_LENGTH.min || vpc.prefixLength > VPC_PREFIX_LENGTH.max) {
    problems.push({
      prop: "vpcCidr",
      message: `"${vpcCidr}" is a /${vpc.prefixLength}; use /${VPC_PREFIX_LENGTH.min} to /${VPC_PREFIX_LENGTH.max} so every tier gets at least a /28 per AZ`,
    });
  }
  if (availabilityZoneIds.length === 0) {
    problems.push({ prop: "availabilityZoneIds", message: "must list at least one AZ ID, e.g. use2-az1, got none" });
  }
  const slotsTaken = new Map<number, string>();
  availabilityZoneIds.forEach((zoneId, index) => {
    const prop = `availabilityZoneIds[${index}]`;
    const number = azNumber(zoneId);
    const holder = slotsTaken.get(number);
    if (!(number >= 1 && number <= SUBNET_SLOT_COUNT)) {
      problems.push({
        prop,
        message: `"${zoneId}" is not an AZ ID numbered 1 to ${SUBNET_SLOT_COUNT} (e.g. use2-az1); subnets are planned in one slot per AZ number`,
      });
    } else if (holder !== undefined) {
      problems.push({
        prop,
        message: `"${zoneId}" and "${holder}" share AZ number ${number}; list each zone of one region once`,
      });
    }
    slotsTaken.set(number, zoneId);
  });
  return problems;
}

/**
 * Plans the public, private and data subnets of each Availability Zone, in the order given.
 *
 * The private (app) tier takes the first half of the VPC in four slots, because EKS gives every
 * pod a VPC address; public and data take a quarter each, in four slots. A zone's slot is its AZ
 * number (`az1` is slot 0), not its position in the list, so removing or adding an AZ never moves
 * another AZ's subnets (a moved CIDR would replace the subnet and everything in it). Callers check
 * the input with {@link subnetPlanProblems} first.
 *
 * For 10.0.0.0/16, zone `use2-az2`: private 10.0.32.0/19, public 10.0.144.0/20, data 10.0.208.0/20.
 */
export function planSubnets(vpcCidr: string, availabilityZoneIds: readonly string[]): readonly ZoneSubnetPlan[] {
  const problems = subnetPlanProblems(vpcCidr, availabilityZoneIds);
  const vpc = parseCidr(vpcCidr);
  if (problems.length > 0 || !isCidr(vpc)) {
    throw new Error(
      `planSubnets was given what subnetPlanProblems refuses: ${problems.map((p) => `${p.prop}: ${p.message}`).join("; ")}`,
    );
  }
  const privateHalf = cidrSubnet(vpc, 1, 0);
  const publicQuarter = cidrSubnet(vpc, 2, 2);
  const dataQuarter = cidrSubnet(vpc, 2, 3);
  return availabilityZoneIds.map((zoneId) => {
    const slot = azNumber(zoneId) - 1;
    return {
      zoneId,
      public: formatCidr(cidrSubnet(publicQuarter, 2, slot)),
      private: formatCidr(cidrSubnet(privateHalf, 2, slot)),
      data: formatCidr(cidrSubnet(dataQuarter, 2, slot)),
    };
  });
}
