import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { forgetResource } from "../../../src/modules/dns/forget-resource";

describe("forgetResource", () => {
  it("emits a removed block at the address a resource at that path had, keeping the object", () => {
    const before = new TerraformStack(Testing.app(), "stack");
    const record = new Route53Record(new Construct(before, "Records"), "origin.api.example.com", {
      zoneId: "Z",
      name: "x",
      type: "CNAME",
    });
    const formerAddress = `aws_route53_record.${record.friendlyUniqueId}`;

    const after = new TerraformStack(Testing.app(), "stack");
    const records = new Construct(after, "Records");
    expect(forgetResource(records, "origin.api.example.com", "aws_route53_record")).toBe(formerAddress);
    expect(JSON.parse(Testing.synth(after)).removed).toEqual([{ from: formerAddress, lifecycle: { destroy: false } }]);
  });

  it("lists every forgotten resource of a stack once", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    const scope = new Construct(stack, "Records");
    const first = forgetResource(scope, "a.example.com", "aws_route53_record");
    const second = forgetResource(scope, "b.example.com", "aws_route53_record");
    const removed = JSON.parse(Testing.synth(stack)).removed as { from: string }[];
    expect(removed.map((block) => block.from)).toEqual([first, second]);
  });
});
