import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import type { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import { ServiceRole } from "../security/service-role";

const ENHANCED_MONITORING_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole";

export interface RdsMonitoringRoleProps {
  /** Account-wide IAM name: must differ per region role (the Namer's scope does that). */
  readonly roleName: string;
  /** Region and account of the instances: Enhanced Monitoring assumes the role only for them. */
  readonly region: string;
  readonly accountId: string;
  /**
   * What every monitored instance identifier starts with, e.g. `titan-primary-aurora-`: RDS sends
   * the instance's ARN (`db:<identifier>`) as `aws:SourceArn`.
   */
  readonly instanceIdentifierPrefix: string;
}

/**
 * The role RDS Enhanced Monitoring assumes to publish OS metrics to CloudWatch Logs.
 *
 * WHY a construct of its own: IAM is global, so primary and DR each need a differently named role,
 * and instances must wait for the policy attachment (not only the role), or RDS rejects the role as
 * lacking the permissions for ENHANCED_MONITORING. The trust names this account and this cluster's
 * instances (aws:SourceAccount, aws:SourceArn), as RDS documents for the confused deputy.
 */
export class RdsMonitoringRole extends Construct {
  readonly role: IamRole;
  readonly attachment: IamRolePolicyAttachment;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: RdsMonitoringRoleProps) {
    super(scope, id);
    const serviceRole = new ServiceRole(this, "Resource", {
      roleName: props.roleName,
      description: "RDS Enhanced Monitoring publishes OS metrics of the Aurora instances",
      servicePrincipal: "monitoring.rds.amazonaws.com",
      trustStatementSid: "EnhancedMonitoringOfThisClustersInstances",
      sourceAccount: props.accountId,
      sourceArn: `arn:aws:rds:${props.region}:${props.accountId}:db:${props.instanceIdentifierPrefix}*`,
      managedPolicyArns: [ENHANCED_MONITORING_POLICY_ARN],
    });
    this.role = serviceRole.role;
    this.attachment = serviceRole.policyAttachments[0];
    this.arn = serviceRole.arn;
  }
}
