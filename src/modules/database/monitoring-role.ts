import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";

const ENHANCED_MONITORING_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole";

export interface RdsMonitoringRoleProps {
  /** Account-wide IAM name: must differ per region role (the Namer's scope does that). */
  readonly roleName: string;
}

/**
 * The role RDS Enhanced Monitoring assumes to publish OS metrics to CloudWatch Logs.
 *
 * WHY a construct of its own: IAM is global, so primary and DR each need a differently named role,
 * and instances must wait for the policy attachment (not only the role), or RDS rejects the role as
 * lacking the permissions for ENHANCED_MONITORING.
 */
export class RdsMonitoringRole extends Construct {
  readonly role: IamRole;
  readonly attachment: IamRolePolicyAttachment;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: RdsMonitoringRoleProps) {
    super(scope, id);
    const trust = new DataAwsIamPolicyDocument(this, "TrustPolicy", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["monitoring.rds.amazonaws.com"] }],
        },
      ],
    });
    this.role = new IamRole(this, "Resource", {
      name: props.roleName,
      description: "RDS Enhanced Monitoring publishes OS metrics of the Aurora instances",
      assumeRolePolicy: trust.json,
    });
    this.attachment = new IamRolePolicyAttachment(this, "Policy", {
      role: this.role.name,
      policyArn: ENHANCED_MONITORING_POLICY_ARN,
    });
    this.arn = this.role.arn;
  }
}
