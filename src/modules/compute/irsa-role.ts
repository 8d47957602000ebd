import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Token } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MANAGED_POLICY_ARN = /^arn:aws:iam::(aws|\d{12}):policy\/(.+\/)?([\w+=,.@-]+)$/;

export interface IrsaRoleProps {
  readonly namer: Namer;
  /** Component of the role's name (lowercase words and hyphens): the role is `<project>-<scope>-irsa-<name>`. */
  readonly name: string;
  /** ARN of the cluster's IAM OIDC provider. */
  readonly oidcProviderArn: string;
  /** The cluster's OIDC issuer without `https://` (`oidc.eks.<region>.amazonaws.com/id/<id>`). */
  readonly oidcIssuerUrl: string;
  /** Namespace of the only service account allowed to assume the role. */
  readonly namespace: string;
  /** Name of the only service account allowed to assume the role. */
  readonly serviceAccount: string;
  /** Statements of the role's inline policy. @default - no inline policy */
  readonly policyStatements?: readonly DataAwsIamPolicyDocumentStatement[];
  /** Managed policies attached to the role (literal ARNs). @default - none */
  readonly managedPolicyArns?: readonly string[];
}

/**
 * An IAM role that exactly one Kubernetes service account assumes through the cluster's OIDC
 * provider (IRSA).
 *
 * WHY OIDC and not `eks.amazonaws.com` (the seed's X-Ray role): pods never act as the EKS
 * service; the pod identity webhook gives them a projected service-account token, which STS
 * exchanges with `sts:AssumeRoleWithWebIdentity` against the cluster's OIDC provider. The trust
 * policy pins `sub` to `system:serviceaccount:<namespace>:<name>` (StringEquals, no wildcard), so
 * a pod running under any other service account cannot assume the role, and `aud` to
 * `sts.amazonaws.com`, so a token minted for another audience cannot be replayed here.
 */
export class IrsaRole extends Construct {
  /** The role's name, known at synth time: the `*-k8s` stacks annotate service accounts with it. */
  static roleName(namer: Namer, name: string): string {
    return namer.name(`irsa-${name}`, "iamRole");
  }

  readonly role: IamRole;
  readonly arn: string;
  readonly roleName: string;

  constructor(scope: Construct, id: string, props: IrsaRoleProps) {
    super(scope, id);
    const statements = props.policyStatements ?? [];
    const managedPolicyArns = props.managedPolicyArns ?? [];
    const label = `IrsaRole ${props.name}`;
    if (!Token.isUnresolved(props.oidcIssuerUrl) && /^https?:\/\//.test(props.oidcIssuerUrl)) {
      throw new Error(
        `${label}: oidcIssuerUrl must not include the scheme, got "${props.oidcIssuerUrl}"; IAM condition keys use the bare host and path`,
      );
    }
    for (const [prop, value] of [
      ["namespace", props.namespace],
      ["serviceAccount", props.serviceAccount],
    ] as const) {
      if (!DNS_LABEL.test(value)) {
        throw new Error(
          `${label}: ${prop} must be a Kubernetes DNS label (lowercase, digits, hyphens), got "${value}"`,
        );
      }
    }
    if (statements.length === 0 && managedPolicyArns.length === 0) {
      throw new Error(`${label}: give policyStatements or managedPolicyArns; a role with no permissions is useless`);
    }

    const subject = `system:serviceaccount:${props.namespace}:${props.serviceAccount}`;
    const trust = new DataAwsIamPolicyDocument(this, "TrustPolicy", {
      statement: [
        {
          sid: "OnlyThisServiceAccount",
          actions: ["sts:AssumeRoleWithWebIdentity"],
          principals: [{ type: "Federated", identifiers: [props.oidcProviderArn] }],
          condition: [
            { test: "StringEquals", variable: `${props.oidcIssuerUrl}:sub`, values: [subject] },
            { test: "StringEquals", variable: `${props.oidcIssuerUrl}:aud`, values: ["sts.amazonaws.com"] },
          ],
        },
      ],
    });
    this.role = new IamRole(this, "Resource", {
      name: IrsaRole.roleName(props.namer, props.name),
      description: `Assumed through IRSA by the service account ${props.namespace}/${props.serviceAccount}`,
      assumeRolePolicy: trust.json,
    });
    this.arn = this.role.arn;
    this.roleName = this.role.name;

    if (statements.length > 0) {
      const permissions = new DataAwsIamPolicyDocument(this, "PermissionsPolicy", { statement: [...statements] });
      // Inline, not a managed policy: the load balancer controller's policy is over a managed
      // policy's 6,144 characters; inline policies share 10,240 per role.
      new IamRolePolicy(this, "RolePolicy", {
        name: props.name,
        role: this.role.id,
        policy: permissions.json,
      });
    }
    if (managedPolicyArns.length > 0) {
      const attachments = new Construct(this, "ManagedPolicies");
      for (const policyArn of managedPolicyArns) {
        // Keyed by the policy's name, so adding or removing one never re-addresses the others.
        new IamRolePolicyAttachment(attachments, managedPolicyName(label, policyArn), {
          role: this.role.name,
          policyArn,
        });
      }
    }
  }
}

function managedPolicyName(label: string, policyArn: string): string {
  const match = Token.isUnresolved(policyArn) ? null : MANAGED_POLICY_ARN.exec(policyArn);
  if (!match) {
    throw new Error(
      `${label}: managedPolicyArns entries must be literal IAM policy ARNs (arn:aws:iam::aws:policy/Name), got "${policyArn}"; put statements for policies made in the stack in policyStatements`,
    );
  }
  return match[3];
}
