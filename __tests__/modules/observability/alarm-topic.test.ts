import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Testing } from "cdktf";
import { AlarmTopic, type AlarmTopicProps } from "../../../src/modules/observability/alarm-topic";
import { Namer } from "../../../src/naming";
import { ConstructValidationError } from "../../support/construct-errors";

const keyArn = "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function synth(props: Partial<AlarmTopicProps> = {}): string {
  return Testing.synthScope((scope) => {
    new AlarmTopic(scope, "AlarmTopic", {
      namer: new Namer("titan", "primary"),
      kmsKeyArn: keyArn,
      accountId: "111122223333",
      ...props,
    });
  });
}

interface PolicyStatement {
  sid: string;
  principals: { type: string; identifiers: string[] }[];
  actions: string[];
  resources: string[];
  condition: { test: string; variable: string; values: string[] }[];
}

describe("AlarmTopic", () => {
  it("is named per region and encrypted with the region's customer key, which CloudWatch may use", () => {
    expect(synth()).toHaveResourceWithProperties(SnsTopic, { name: "titan-primary-alarms", kms_master_key_id: keyArn });
  });

  it("lets CloudWatch publish only on behalf of this account", () => {
    const json = JSON.parse(synth());
    const documents = Object.values(
      json.data.aws_iam_policy_document as Record<string, { statement: PolicyStatement[] }>,
    );
    expect(documents).toHaveLength(1);
    expect(documents[0].statement).toEqual([
      {
        sid: "CloudWatchAlarmsOfThisAccountPublish",
        principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }],
        actions: ["sns:Publish"],
        resources: [expect.stringMatching(/^\$\{aws_sns_topic\.\w+\.arn\}$/)],
        condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ["111122223333"] }],
      },
    ]);
    expect(synth()).toHaveResourceWithProperties(SnsTopicPolicy, {
      arn: expect.stringMatching(/^\$\{aws_sns_topic\.\w+\.arn\}$/),
      policy: expect.stringMatching(/^\$\{data\.aws_iam_policy_document\.\w+\.json\}$/),
    });
  });

  it("subscribes each listed address by email", () => {
    const json = JSON.parse(synth({ emailAddresses: ["ops@example.com", "oncall@example.org"] }));
    const subscriptions = Object.values(
      json.resource.aws_sns_topic_subscription as Record<
        string,
        { protocol: string; endpoint: string; topic_arn: string }
      >,
    );
    expect(subscriptions).toHaveLength(2);
    expect(subscriptions).toEqual(
      expect.arrayContaining(
        ["ops@example.com", "oncall@example.org"].map((endpoint) => ({
          protocol: "email",
          endpoint,
          topic_arn: expect.stringMatching(/^\$\{aws_sns_topic\.\w+\.arn\}$/),
        })),
      ),
    );
  });

  test.each([[undefined], [[]]])("subscribes nobody when emailAddresses is %p", (emailAddresses) => {
    expect(synth({ emailAddresses })).not.toHaveResource(SnsTopicSubscription);
  });

  it("keys each subscription by its address, so removing one leaves the others in place", () => {
    const keyOf = (emailAddresses: string[], endpoint: string) =>
      Object.entries(
        JSON.parse(synth({ emailAddresses })).resource.aws_sns_topic_subscription as Record<
          string,
          { endpoint: string }
        >,
      ).find(([, subscription]) => subscription.endpoint === endpoint)?.[0];
    const before = keyOf(["ops@example.com", "oncall@example.org"], "oncall@example.org");
    expect(before).toBeDefined();
    expect(keyOf(["oncall@example.org"], "oncall@example.org")).toBe(before);
  });

  test.each([
    [["not-an-address"], /emailAddresses\[0\]: must be an email address \(name@domain\).*got "not-an-address"/],
    [["ops@example"], /emailAddresses\[0\]: must be an email address \(name@domain\).*got "ops@example"/],
    [
      ["ops@example.com", "ops@example.com"],
      /emailAddresses\[1\]: lists "ops@example\.com" again; list each address once/,
    ],
  ])("rejects emailAddresses %p", (emailAddresses, message) => {
    expect(() => synth({ emailAddresses })).toThrow(ConstructValidationError);
    expect(() => synth({ emailAddresses })).toThrow(message);
  });
});
