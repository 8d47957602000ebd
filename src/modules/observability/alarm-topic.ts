import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { EMAIL_ADDRESS } from "../../validation/limits";
import { PropChecks } from "../../validation/prop-checks";

export interface AlarmTopicProps {
  readonly namer: Namer;
  /**
   * The region's customer key (`RegionalKey.arn`). Its policy must let `cloudwatch.amazonaws.com`
   * use it (RegionalKey's does): the AWS-managed `alias/aws/sns` key cannot, so alarms published
   * to a topic encrypted with it are silently dropped.
   */
  readonly kmsKeyArn: string;
  /** Only this account's alarms may publish (`aws:SourceAccount`). */
  readonly accountId: string;
  /**
   * Addresses subscribed by email. Each recipient gets a confirmation email and receives nothing
   * until they follow its link. SNS deletes a subscription left unconfirmed after 48 hours and
   * refuses to delete one still pending, so a re-apply is needed for an address that missed it.
   * @default - no subscriptions: subscribe a pager or chat integration to `topicArn` elsewhere
   */
  readonly emailAddresses?: readonly string[];
}

/**
 * The SNS topic every alarm of one region notifies, encrypted with the region's customer key.
 *
 * One topic per region because alarms can only notify a topic in their own region, and a DR
 * region whose alarms went through the primary region would fall silent with it. The topic policy
 * lets CloudWatch publish only on behalf of this account, so another account's alarm cannot use
 * the topic (the confused-deputy case).
 */
export class AlarmTopic extends Construct {
  /** The topic's name, known at synth time (the pipeline's approval step notifies it). */
  static topicName(namer: Namer): string {
    return namer.name("alarms");
  }

  readonly topic: SnsTopic;
  readonly topicArn: string;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const emailAddresses = props.emailAddresses ?? [];
    const name = AlarmTopic.topicName(props.namer);
    validateEmails(this, emailAddresses);

    this.topic = new SnsTopic(this, "Resource", { name, kmsMasterKeyId: props.kmsKeyArn });
    this.topicArn = this.topic.arn;

    const policy = new DataAwsIamPolicyDocument(this, "PolicyDocument", {
      statement: [
        {
          sid: "CloudWatchAlarmsOfThisAccountPublish",
          principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }],
          actions: ["sns:Publish"],
          resources: [this.topic.arn],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] }],
        },
      ],
    });
    new SnsTopicPolicy(this, "Policy", { arn: this.topic.arn, policy: policy.json });

    const subscriptions = new Construct(this, "EmailSubscriptions");
    for (const address of emailAddresses) {
      // Keyed by the address, the subscription's identity: removing one address leaves the others in place.
      new SnsTopicSubscription(subscriptions, address, {
        topicArn: this.topic.arn,
        protocol: "email",
        endpoint: address,
      });
    }
  }
}

function validateEmails(scope: Construct, emailAddresses: readonly string[]): void {
  const checks = new PropChecks(scope);
  emailAddresses.forEach((address, index) => {
    checks
      .matches(`emailAddresses[${index}]`, address, EMAIL_ADDRESS)
      .require(
        emailAddresses.indexOf(address) === index,
        `emailAddresses[${index}]`,
        `lists ${JSON.stringify(address)} again; list each address once`,
      );
  });
  checks.throwIfAny();
}
