import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Construct } from "constructs";
import { PropChecks } from "../../validation/prop-checks";
import { LOG_RETENTION_DAYS } from "./log-retention";

export interface EncryptedLogGroupProps {
  readonly logGroupName: string;
  /** Customer key; its policy must let `logs.<region>.amazonaws.com` use it (RegionalKey does). */
  readonly kmsKeyArn: string;
  /** One of {@link LOG_RETENTION_DAYS}. */
  readonly retentionDays: number;
}

/**
 * A CloudWatch log group encrypted with the region's customer key and a finite retention.
 *
 * Every log group titan owns (flow logs, EKS control plane, Redis, the app) comes from here, so
 * none is left unencrypted or kept forever by default.
 */
export class EncryptedLogGroup extends Construct {
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: EncryptedLogGroupProps) {
    super(scope, id);
    new PropChecks(this).oneOf("retentionDays", props.retentionDays, LOG_RETENTION_DAYS).throwIfAny();
    this.logGroup = new CloudwatchLogGroup(this, "Resource", {
      name: props.logGroupName,
      kmsKeyId: props.kmsKeyArn,
      retentionInDays: props.retentionDays,
    });
  }

  get arn(): string {
    return this.logGroup.arn;
  }

  get name(): string {
    return this.logGroup.name;
  }
}
