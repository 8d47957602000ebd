import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { EncryptedLogGroup } from "../observability/log-group";
import { ServiceRole } from "../security/service-role";

export interface VpcFlowLogsProps {
  readonly namer: Namer;
  readonly vpcId: string;
  /** Customer key for the log group; its policy must let `logs.<region>.amazonaws.com` use it. */
  readonly kmsKeyArn: string;
  /** Days CloudWatch keeps the records; a value CloudWatch Logs accepts. */
  readonly retentionDays: number;
  /** Account that owns the VPC: the role trusts the flow-logs service only on its behalf. */
  readonly accountId: string;
}

/**
 * Flow logs of every packet decision in a VPC (accepted and rejected), in an encrypted log group.
 *
 * ALL traffic rather than REJECT only, because the question after an incident is usually "what
 * did reach the database", which rejected records cannot answer. The delivery role may write to
 * this log group only, and only the flow-logs service acting for this account may assume it
 * (aws:SourceAccount guards against the confused deputy).
 */
export class VpcFlowLogs extends Construct {
  readonly flowLog: FlowLog;
  readonly logGroup: CloudwatchLogGroup;
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    this.logGroup = new EncryptedLogGroup(this, "LogGroup", {
      logGroupName: props.namer.name("vpc-flow-logs"),
      kmsKeyArn: props.kmsKeyArn,
      retentionDays: props.retentionDays,
    }).logGroup;

    this.role = new ServiceRole(this, "Role", {
      roleName: props.namer.name("vpc-flow-logs", "iamRole"),
      description: "Lets VPC Flow Logs deliver records to the VPC's flow log group",
      servicePrincipal: "vpc-flow-logs.amazonaws.com",
      trustStatementSid: "FlowLogsServiceForThisAccount",
      sourceAccount: props.accountId,
    }).role;

    // No logs:CreateLogGroup: Terraform owns the group, so the service never needs to make one.
    const permissions = new DataAwsIamPolicyDocument(this, "PermissionsPolicy", {
      statement: [
        {
          sid: "WriteThisLogGroup",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          resources: [this.logGroup.arn, `${this.logGroup.arn}:*`],
        },
        {
          // DescribeLogGroups lists groups and takes no log-group resource.
          sid: "FindLogGroups",
          actions: ["logs:DescribeLogGroups"],
          resources: ["*"],
        },
      ],
    });
    const rolePolicy = new IamRolePolicy(this, "RolePolicy", {
      name: "deliver-flow-logs",
      role: this.role.id,
      policy: permissions.json,
    });

    this.flowLog = new FlowLog(this, "Resource", {
      vpcId: props.vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: this.logGroup.arn,
      iamRoleArn: this.role.arn,
      tags: { Name: props.namer.name("vpc-flow-logs") },
      // Delivery starts at once; before the role may write, it fails with DeliverLogsPermissionDenied.
      dependsOn: [rolePolicy],
    });
  }
}
