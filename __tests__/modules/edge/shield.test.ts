import { ShieldAdvanced } from "../../../src/modules/edge/shield";
import { Namer } from "../../../src/naming";
import { one, synthScope } from "./synth";

describe("ShieldAdvanced", () => {
  it("subscribes with renewal that destroying the stack switches off, and protects the distribution after", () => {
    const json = synthScope((scope) => {
      new ShieldAdvanced(scope, "ShieldAdvanced", {
        namer: new Namer("titan", "global"),
        distributionArn: "arn:aws:cloudfront::111122223333:distribution/E1",
      });
    });
    expect(one(json, "aws_shield_subscription")).toEqual({ auto_renew: "ENABLED", skip_destroy: false });
    expect(one(json, "aws_shield_protection")).toEqual({
      name: "titan-global-api",
      resource_arn: "arn:aws:cloudfront::111122223333:distribution/E1",
      depends_on: [expect.stringMatching(/^aws_shield_subscription\.\w+$/)],
    });
  });
});
