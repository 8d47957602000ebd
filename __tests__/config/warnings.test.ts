import { configWarnings } from "../../src/config";
import { testConfig } from "../support/synth";

describe("configWarnings", () => {
  it("warns about the defaults that cannot be deployed as they are", () => {
    const warnings = configWarnings(testConfig());
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^bucketSuffix is empty/);
    expect(warnings[1]).toMatch(/^kubernetes\.adminRoleArns is empty/);
    expect(warnings[2]).toMatch(/^domain\.hostedZoneId is the placeholder/);
  });

  it("warns when EKS pods would not fit a small VPC's private subnets", () => {
    const small = configWarnings(testConfig({ regions: { dr: { vpcCidr: "10.1.0.0/22" } } }));
    expect(small).toContainEqual(
      expect.stringMatching(/^regions\.dr\.vpcCidr is a \/22: each private subnet holds 128 addresses/),
    );
    expect(small.filter((warning) => warning.startsWith("regions."))).toHaveLength(1);
    const ec2 = configWarnings(testConfig({ web: { runtime: "ec2" }, regions: { dr: { vpcCidr: "10.1.0.0/22" } } }));
    expect(ec2.filter((warning) => warning.startsWith("regions."))).toEqual([]);
  });

  it("warns that Shield Advanced is a subscription with a monthly fee and a year's commitment", () => {
    const shield = configWarnings(testConfig({ edge: { shieldAdvanced: true } }));
    expect(shield).toContainEqual(expect.stringMatching(/^edge\.shieldAdvanced is true: .*USD 3,000 a month/));
    expect(configWarnings(testConfig()).some((warning) => warning.startsWith("edge."))).toBe(false);
  });

  it("is silent for a config ready to deploy", () => {
    const ready = testConfig({
      bucketSuffix: "111122223333",
      domain: { hostedZoneId: "Z0ABCDEF123456" },
      kubernetes: { adminRoleArns: ["arn:aws:iam::111122223333:role/platform-admin"] },
    });
    expect(configWarnings(ready)).toEqual([]);
  });
});
