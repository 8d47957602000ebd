import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Testing } from "cdktf";
import { AppLogGroups } from "../../../src/modules/observability/app-logs";
import { Namer } from "../../../src/naming";

const keyArn = "arn:aws:kms:us-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("AppLogGroups", () => {
  it("creates the region's app log group, encrypted and with the given retention", () => {
    const json = Testing.synthScope((scope) => {
      new AppLogGroups(scope, "AppLogs", { namer: new Namer("titan", "dr"), kmsKeyArn: keyArn, retentionDays: 30 });
    });
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: "/titan/dr/app",
      kms_key_id: keyArn,
      retention_in_days: 30,
    });
  });

  it("rejects a retention CloudWatch Logs does not offer", () => {
    expect(() =>
      Testing.synthScope((scope) => {
        new AppLogGroups(scope, "AppLogs", { namer: new Namer("titan", "dr"), kmsKeyArn: keyArn, retentionDays: 10 });
      }),
    ).toThrow(/retentionDays: must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 54.*got 10/);
  });
});
