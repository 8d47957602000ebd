import { prefixListOpenToWorld } from "../../../src/policy/rules/prefix-list-open-to-world";
import { type Case, expectVerdict } from "./fixtures";

const list = (...cidrs: string[]) => ({
  name: "titan-operators",
  address_family: "IPv4",
  max_entries: 5,
  entry: cidrs.map((cidr) => ({ cidr, description: "x" })),
});

describe("TITAN-VPC-2: customer prefix lists do not hold the whole internet", () => {
  test.each<Case>([
    ["the operators' office ranges", list("203.0.113.0/24", "198.51.100.0/24"), "compliant"],
    ["an empty list", list(), "compliant"],
    [
      "0.0.0.0/0 among the entries",
      list("203.0.113.0/24", "0.0.0.0/0"),
      /the entry 0.0.0.0\/0 makes every security group rule referencing this list open to the internet/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(prefixListOpenToWorld, attributes, expected));

  it("judges a separate entry resource too", () => {
    expectVerdict(prefixListOpenToWorld, { prefix_list_id: "pl-1", cidr: "::/0" }, /the entry ::\/0/, {
      type: "aws_ec2_managed_prefix_list_entry",
    });
  });
});
