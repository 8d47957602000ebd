import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Token } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { PropChecks } from "../../validation/prop-checks";
import { KUBERNETES_DNS_LABEL } from "../k8s/limits";
import { type Grantable, InlinePolicy, type PolicyStatement } from "../security/grants";
import { attachManagedPolicies, checkManagedPolicyArns } from "../security/managed-policies";

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
export class IrsaRole extends Construct implements Grantable {
  /** The role's name, known at synth time: the `*-k8s` stacks annotate service accounts with it. */
  static roleName(namer: Namer, name: string): string {
    return namer.name(`irsa-${name}`, "iamRole");
  }

  readonly role: IamRole;
  readonly arn: string;
  readonly roleName: string;
  private readonly policy: InlinePolicy;

  constructor(scope: Construct, id: string, props: IrsaRoleProps) {
    super(scope, id);
    const statements = props.policyStatements ?? [];
    const managedPolicyArns = props.managedPolicyArns ?? [];
    const checks = new PropChecks(this)
      .require(
        Token.isUnresolved(props.oidcIssuerUrl) || !/^https?:\/\//.test(props.oidcIssuerUrl),
        "oidcIssuerUrl",
        `must not include the scheme, got "${props.oidcIssuerUrl}"; IAM condition keys use the bare host and path`,
      )
      .matches("namespace", props.namespace, KUBERNETES_DNS_LABEL)
      .matches("serviceAccount", props.serviceAccount, KUBERNETES_DNS_LABEL)
      .require(
        statements.length > 0 || managedPolicyArns.length > 0,
        "policyStatements",
        "is empty and so is managedPolicyArns; a role with no permissions is useless",
      );
    checkManagedPolicyArns(checks, managedPolicyArns);
    checks.throwIfAny();

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

    // Inline, not a managed policy: the load balancer controller's policy is over a managed
    // policy's 6,144 characters; inline policies share 10,240 per role.
    this.policy = new InlinePolicy({
      scope: this,
      documentId: "PermissionsPolicy",
      policyId: "RolePolicy",
      policyName: props.name,
      roleId: this.role.id,
    });
    for (const statement of statements) {
      this.policy.addToPolicy(statement);
    }
    attachManagedPolicies(this, this.role.name, managedPolicyArns);
  }

  /** Adds a statement to the role's inline policy: what resources' grants call. */
  addToPolicy(statement: PolicyStatement): void {
    this.policy.addToPolicy(statement);
  }
}
