import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatementCondition,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import type { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { AWS_ACCOUNT_ID } from "../../validation/aws-identifiers";
import { textPattern } from "../../validation/limits";
import { PropChecks } from "../../validation/prop-checks";
import { attachManagedPolicies, checkManagedPolicyArns } from "./managed-policies";

const SERVICE_PRINCIPAL = textPattern(
  /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/,
  'an AWS service principal such as "ec2.amazonaws.com"',
);

export interface ServiceRoleProps {
  /** Account-wide IAM name: must differ per region role (the Namer's scope does that). */
  readonly roleName: string;
  /** @default - no description */
  readonly description?: string;
  /** The AWS service that assumes the role, e.g. `"ec2.amazonaws.com"`. */
  readonly servicePrincipal: string;
  /** Sid of the trust statement. @default - no sid */
  readonly trustStatementSid?: string;
  /**
   * Account the service must be acting for (`aws:SourceAccount`, StringEquals).
   * @default - no account condition: the service may assume the role acting for any account
   */
  readonly sourceAccount?: string;
  /**
   * The resource the service must be acting for (`aws:SourceArn`): an exact ARN (ArnEquals), or a
   * pattern with `*` for a family of resources named alike (ArnLike), e.g. every instance of one
   * Aurora cluster.
   * @default - no resource condition: the service may assume the role acting for any resource
   */
  readonly sourceArn?: string;
  /**
   * AWS managed policies attached to the role, as literal ARNs: each attachment's construct id is
   * the policy's name.
   * @default [] - no managed policies
   */
  readonly managedPolicyArns?: readonly string[];
}

/**
 * An IAM role that one AWS service assumes, with its trust policy and managed policy attachments.
 *
 * WHY one construct: the trust policy is where the confused-deputy guard lives (`aws:SourceAccount`
 * and `aws:SourceArn`, so a service acting for another account or resource cannot assume the
 * role), and one place to write it means one place to review it and to add it where it is missing.
 * Managed policies are attached by {@link attachManagedPolicies}, keyed by the policy's name.
 */
export class ServiceRole extends Construct {
  readonly role: IamRole;
  readonly arn: string;
  readonly name: string;
  /** One per `managedPolicyArns` entry, in that order: resources that need the permissions depend on them. */
  readonly policyAttachments: readonly IamRolePolicyAttachment[];

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    const managedPolicyArns = props.managedPolicyArns ?? [];
    const checks = new PropChecks(this).matches("servicePrincipal", props.servicePrincipal, SERVICE_PRINCIPAL);
    if (props.sourceAccount !== undefined) {
      checks.matches("sourceAccount", props.sourceAccount, AWS_ACCOUNT_ID);
    }
    checkManagedPolicyArns(checks, managedPolicyArns);
    checks.throwIfAny();

    const conditions: DataAwsIamPolicyDocumentStatementCondition[] = [
      ...(props.sourceAccount !== undefined
        ? [{ test: "StringEquals", variable: "aws:SourceAccount", values: [props.sourceAccount] }]
        : []),
      ...(props.sourceArn !== undefined
        ? [{ test: arnTest(props.sourceArn), variable: "aws:SourceArn", values: [props.sourceArn] }]
        : []),
    ];
    const trust = new DataAwsIamPolicyDocument(this, "TrustPolicy", {
      statement: [
        {
          sid: props.trustStatementSid,
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: [props.servicePrincipal] }],
          condition: conditions.length > 0 ? conditions : undefined,
        },
      ],
    });
    this.role = new IamRole(this, "Resource", {
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: trust.json,
    });
    this.policyAttachments = attachManagedPolicies(this, this.role.name, managedPolicyArns);
    this.arn = this.role.arn;
    this.name = this.role.name;
  }
}

/** ArnLike for a pattern, ArnEquals for one exact resource. */
function arnTest(arn: string): "ArnLike" | "ArnEquals" {
  return !Token.isUnresolved(arn) && arn.includes("*") ? "ArnLike" : "ArnEquals";
}
