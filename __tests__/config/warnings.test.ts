import { configWarnings } from "../../src/config";
import { testConfig } from "../support/synth";

/** "Today" for these specs: the clock is an input, so the warnings are reproducible. */
const TODAY = new Date("2026-11-26T12:00:00Z");

describe("configWarnings", () => {
  it("warns about the defaults that cannot be deployed as they are, and none of their versions", () => {
    const warnings = configWarnings(testConfig(), TODAY);
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toMatch(/^bucketSuffix is empty/);
    expect(warnings[1]).toMatch(/^kubernetes\.adminRoleArns is empty/);
    expect(warnings[2]).toMatch(/^observability\.alarmEmails is empty/);
    expect(warnings[3]).toMatch(/^domain\.hostedZoneId is the placeholder/);
  });

  it("warns when EKS pods would not fit a small VPC's private subnets", () => {
    const small = configWarnings(testConfig({ regions: { dr: { vpcCidr: "10.1.0.0/22" } } }), TODAY);
    expect(small).toContainEqual(
      expect.stringMatching(/^regions\.dr\.vpcCidr is a \/22: each private subnet holds 128 addresses/),
    );
    expect(small.filter((warning) => warning.startsWith("regions."))).toHaveLength(1);
    const ec2 = configWarnings(
      testConfig({ web: { runtime: "ec2" }, regions: { dr: { vpcCidr: "10.1.0.0/22" } } }),
      TODAY,
    );
    expect(ec2.filter((warning) => warning.startsWith("regions."))).toEqual([]);
  });

  it("warns that Shield Advanced is a subscription with a monthly fee and a year's commitment", () => {
    const shield = configWarnings(testConfig({ edge: { shieldAdvanced: true } }), TODAY);
    expect(shield).toContainEqual(expect.stringMatching(/^edge\.shieldAdvanced is true: .*USD 3,000 a month/));
    expect(configWarnings(testConfig(), TODAY).some((warning) => warning.startsWith("edge."))).toBe(false);
  });

  it("says nobody reads the alarms, nor the DR release approval, until someone subscribes", () => {
    const [warning] = configWarnings(testConfig(), TODAY).filter((w) => w.startsWith("observability."));
    expect(warning).toMatch(/request to approve the DR release.*titan-<role>-alarms.*alarmsSubscribedElsewhere/);
    const subscribed = (observability: object) =>
      configWarnings(testConfig({ observability }), TODAY).filter((w) => w.startsWith("observability."));
    expect(subscribed({ alarmEmails: ["oncall@example.com"] })).toEqual([]);
    expect(subscribed({ alarmsSubscribedElsewhere: true })).toEqual([]);
  });

  it("is silent for a config ready to deploy", () => {
    const ready = testConfig({
      bucketSuffix: "111122223333",
      domain: { hostedZoneId: "Z0ABCDEF123456" },
      kubernetes: { adminRoleArns: ["arn:aws:iam::111122223333:role/platform-admin"] },
      observability: { alarmEmails: ["oncall@example.com"] },
    });
    expect(configWarnings(ready, TODAY)).toEqual([]);
  });
});

describe("version support warnings", () => {
  const versionWarnings = (overrides: object, now = TODAY) =>
    configWarnings(testConfig(overrides), now).filter((w) => /^(kubernetes\.version|database\.engineVersion) /.test(w));

  test.each([
    [
      "1.32, 248 days past its end",
      "1.32",
      /^kubernetes\.version 1\.32 left EKS standard support on 2026-03-23, 248 days ago: /,
    ],
    [
      "1.34, 6 days before its end",
      "1.34",
      /^kubernetes\.version 1\.34 leaves EKS standard support on 2026-12-02, in 6 days: /,
    ],
  ])("warn about EKS %s", (_case, version, message) => {
    const [warning] = versionWarnings({ kubernetes: { version } });
    expect(warning).toMatch(message);
    expect(warning).toMatch(/supportType EXTENDED.*billed at the extended-support rate.*one minor version per apply/);
  });

  it("say what STANDARD support does at the end: AWS upgrades, and every plan proposes a refused downgrade", () => {
    const [warning] = versionWarnings({ kubernetes: { version: "1.34", supportType: "STANDARD" } });
    expect(warning).toMatch(/supportType STANDARD AWS upgrades the control plane.*downgrade EKS refuses/);
  });

  it("start exactly 90 days before the end of standard support", () => {
    const onDay = (iso: string) => versionWarnings({}, new Date(`${iso}T00:00:00Z`));
    expect(onDay("2026-12-26")).toEqual([]);
    expect(onDay("2026-12-27")).toEqual([
      expect.stringMatching(/1\.35 leaves EKS standard support on 2027-03-27, in 90 days/),
    ]);
  });

  it("ask for the date of a version the calendar does not know", () => {
    expect(versionWarnings({ kubernetes: { version: "1.36" } })).toEqual([
      expect.stringMatching(
        /^kubernetes\.version 1\.36 has no end-of-support date in titan's calendar.*kubernetes-versions/,
      ),
    ]);
  });

  it("cover the Aurora engine by its major version's date", () => {
    const warnings = versionWarnings({ database: { engineVersion: "14.12" } }, new Date("2027-01-15T00:00:00Z"));
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /^database\.engineVersion 14\.12 leaves Aurora PostgreSQL standard support on 2027-02-28, in 44 days: .*raise database\.engineVersion/,
      ),
    );
  });
});
