import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Testing } from "cdktf";
import { EncryptedLogGroup } from "../../../src/modules/observability/log-group";

const keyArn = "arn:aws:kms:us-east-2:111122223333:key/abc";

function synth(retentionDays: number): string {
  return Testing.synthScope((scope) => {
    new EncryptedLogGroup(scope, "Logs", { logGroupName: "/titan/primary/app", kmsKeyArn: keyArn, retentionDays });
  });
}

describe("EncryptedLogGroup", () => {
  it("encrypts with the customer key and keeps logs for a finite time", () => {
    expect(synth(90)).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: "/titan/primary/app",
      kms_key_id: keyArn,
      retention_in_days: 90,
    });
  });

  test.each([0, 10, 366, -1])("rejects %p days, which CloudWatch Logs refuses", (days) => {
    expect(() => synth(days)).toThrow(new RegExp(`retentionDays: must be one of 1, 3, 5, 7, .*got ${days}$`));
  });
});
