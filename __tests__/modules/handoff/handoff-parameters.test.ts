import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { Testing } from "cdktf";
import { HandoffParameters } from "../../../src/modules/handoff/handoff-parameters";

function synth(parameters: Record<string, string>): string {
  return Testing.synthScope((scope) => {
    const dr = new AwsProvider(scope, "aws-dr", { region: "us-west-1", alias: "dr" });
    new HandoffParameters(scope, "Handoff", { provider: dr, parameters, description: "for dr" });
  });
}

describe("HandoffParameters", () => {
  it("writes each value as a plain String parameter through the given region's provider", () => {
    const json = synth({ "/titan/handoff/aurora-global-writer-endpoint": "titan.global-abc.global.rds.amazonaws.com" });
    expect(json).toHaveResourceWithProperties(SsmParameter, {
      name: "/titan/handoff/aurora-global-writer-endpoint",
      type: "String",
      value: "titan.global-abc.global.rds.amazonaws.com",
      provider: "aws.dr",
    });
  });

  test.each(["titan/no-leading-slash", "/titan/with space", "/"])("rejects the name %p", (name) => {
    expect(() => synth({ [name]: "x" })).toThrow(
      new RegExp(`parameters: must be an SSM parameter path such as /titan/handoff/name, got ${JSON.stringify(name)}`),
    );
  });
});
