import { buildApp, resourcesOf, synthJson } from "../support/synth";

describe("the log archive receives real logs", () => {
  test.each(["primary", "dr"] as const)("%s archives its VPC flow logs, with a key the delivery can use", (role) => {
    const json = synthJson(buildApp()[role]);
    const flowLogs = Object.values(resourcesOf(json, "aws_flow_log"));
    expect(flowLogs.map((log) => log.log_destination_type).sort()).toEqual(["cloud-watch-logs", "s3"]);
    const archived = flowLogs.find((log) => log.log_destination_type === "s3");
    expect(archived?.log_destination).toMatch(/^\$\{aws_s3_bucket\.LogArchive_.*\.arn\}$/);
    const keyPolicy = Object.entries(json.data?.aws_iam_policy_document ?? {}).find(([id]) =>
      id.startsWith("DataKey_Policy"),
    )?.[1] as { statement: { sid: string }[] };
    expect(keyPolicy.statement.map((statement) => statement.sid)).toContain("LogDeliveryEncryptsFlowLogsOfThisAccount");
  });
});

describe("alarms and the DR release approval reach the same people", () => {
  it("sends the pipeline's request to approve the DR deploy to primary's alarm topic, the one alarms notify", () => {
    const app = buildApp();
    const [topic] = Object.values(resourcesOf(synthJson(app.primary), "aws_sns_topic"));
    const [pipeline] = Object.values(resourcesOf(synthJson(app.crossRegion), "aws_codepipeline"));
    const stages = pipeline.stage as { name: string; action: { configuration?: Record<string, string> }[] }[];
    const approval = stages.find((stage) => stage.name === "Approve")?.action[0];
    expect(topic.name).toBe("titan-primary-alarms");
    expect(approval?.configuration?.NotificationArn).toBe(
      "arn:aws:sns:us-east-2:${data.aws_caller_identity.Account.account_id}:titan-primary-alarms",
    );
  });
});
