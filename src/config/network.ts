/**
 * IPv4 CIDR arithmetic used by config validation and subnet planning.
 *
 * Kept dependency-free and exact: subnet addresses are decided at synth time so a reviewer sees
 * them in `cdk.tf.json`, and so tests can assert them.
 */

import { intRange } from "../validation/limits";

/**
 * The VPC sizes titan plans: AWS allows no VPC larger than a /16, and at a /24 the public and data
 * tiers reach AWS's smallest subnet, a /28, per AZ.
 */
export const VPC_PREFIX_LENGTH = intRange(16, 24, "three subnet tiers must fit in four AZ slots each");

export interface Ipv4Cidr {
  /** The network address as an unsigned 32-bit integer. */
  readonly address: number;
  readonly prefixLength: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns a reason instead of throwing so validation can report it. */
export function parseCidr(text: string): Ipv4Cidr | { error: string } {
  const match = CIDR_PATTERN.exec(text);
  if (!match) {
    return { error: `"${text}" is not an IPv4 CIDR block such as 10.0.0.0/16` };
  }
  const octets = match.slice(1, 5).map(Number);
  const prefixLength = Number(match[5]);
  if (octets.some((octet) => octet > 255) || prefixLength > 32) {
    return { error: `"${text}" is not an IPv4 CIDR block: octets go to 255 and prefixes to /32` };
  }
  const address = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const network = address - (address % blockSize(prefixLength));
  if (network !== address) {
    return {
      error: `"${text}" has host bits set; the network address of that block is ${formatCidr({ address: network, prefixLength })}`,
    };
  }
  return { address, prefixLength };
}

export function isCidr(value: Ipv4Cidr | { error: string }): value is Ipv4Cidr {
  return !("error" in value);
}

export function formatCidr(cidr: Ipv4Cidr): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(cidr.address / 2 ** shift) % 256);
  return `${octets.join(".")}/${cidr.prefixLength}`;
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  const aEnd = a.address + blockSize(a.prefixLength);
  const bEnd = b.address + blockSize(b.prefixLength);
  return a.address < bEnd && b.address < aEnd;
}

/**
 * The `index`-th block of `newBits` more prefix bits inside `parent` (Terraform's `cidrsubnet`).
 */
export function cidrSubnet(parent: Ipv4Cidr, newBits: number, index: number): Ipv4Cidr {
  const prefixLength = parent.prefixLength + newBits;
  if (prefixLength > 32 || index < 0 || index >= 2 ** newBits) {
    throw new RangeError(`cannot take block ${index} of /${prefixLength} inside ${formatCidr(parent)}`);
  }
  return { address: parent.address + index * blockSize(prefixLength), prefixLength };
}

function blockSize(prefixLength: number): number {
  return 2 ** (32 - prefixLength);
}
