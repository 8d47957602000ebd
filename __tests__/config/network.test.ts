import { cidrSubnet, cidrsOverlap, formatCidr, type Ipv4Cidr, isCidr, parseCidr } from "../../src/config/network";

function cidr(text: string): Ipv4Cidr {
  const parsed = parseCidr(text);
  if (!isCidr(parsed)) {
    throw new Error(parsed.error);
  }
  return parsed;
}

describe("CIDR arithmetic", () => {
  it("round-trips a block", () => {
    expect(formatCidr(cidr("172.16.32.0/20"))).toBe("172.16.32.0/20");
  });

  test.each(["10.0.0.0", "10.0.0.256/16", "10.0.0.0/33", "a.b.c.d/8", "10.0.0.1/24"])("rejects %s", (text) => {
    expect(isCidr(parseCidr(text))).toBe(false);
  });

  it("detects overlap in both directions and adjacency as disjoint", () => {
    expect(cidrsOverlap(cidr("10.0.0.0/16"), cidr("10.0.200.0/24"))).toBe(true);
    expect(cidrsOverlap(cidr("10.0.200.0/24"), cidr("10.0.0.0/16"))).toBe(true);
    expect(cidrsOverlap(cidr("10.0.0.0/16"), cidr("10.1.0.0/16"))).toBe(false);
  });

  it("carves subnets like Terraform's cidrsubnet", () => {
    expect(formatCidr(cidrSubnet(cidr("10.0.0.0/16"), 4, 3))).toBe("10.0.48.0/20");
    expect(formatCidr(cidrSubnet(cidr("10.1.0.0/24"), 4, 15))).toBe("10.1.0.240/28");
    expect(() => cidrSubnet(cidr("10.0.0.0/16"), 2, 4)).toThrow(RangeError);
  });
});
