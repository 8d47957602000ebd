import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
  type DataAwsIamPolicyDocumentStatementCondition,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Token } from "cdktf";
import type { Construct } from "constructs";

/** A policy statement as the provider's policy document takes it. */
export type PolicyStatement = DataAwsIamPolicyDocumentStatement;

/**
 * A principal a resource can grant permissions to (aws-cdk-lib's `IGrantable`): the resource
 * writes the statement, so what a permission means lives with the resource, and giving a
 * workload a new resource touches one line where the two meet.
 */
export interface Grantable {
  /** Adds `statement` to the principal's own policy. Sids must be unique within it. */
  addToPolicy(statement: PolicyStatement): void;
}

/** Where a role's inline policy lives: the construct ids keep their Terraform addresses. */
export interface InlinePolicyPlacement {
  /** The scope both constructs are made in. */
  readonly scope: Construct;
  /** Id of the `aws_iam_policy_document` data source. */
  readonly documentId: string;
  /** Id of the `aws_iam_role_policy`. */
  readonly policyId: string;
  /** The inline policy's name in IAM. */
  readonly policyName: string;
  /** The role's `id` attribute (its name, for `aws_iam_role_policy.role`). */
  readonly roleId: string;
}

/**
 * A role's inline policy that grants keep adding to until synth. The document and the policy are
 * created with the first statement, so a role nobody grants anything has no empty policy.
 */
export class InlinePolicy implements Grantable {
  private readonly statements: PolicyStatement[] = [];
  private document?: DataAwsIamPolicyDocument;

  constructor(private readonly placement: InlinePolicyPlacement) {}

  addToPolicy(statement: PolicyStatement): void {
    if (statement.sid !== undefined && this.statements.some((existing) => existing.sid === statement.sid)) {
      throw new Error(`${this.placement.policyName}: a statement ${statement.sid} is already granted`);
    }
    this.statements.push(statement);
    if (this.document === undefined) {
      const { scope, documentId, policyId, policyName, roleId } = this.placement;
      this.document = new DataAwsIamPolicyDocument(scope, documentId, { statement: [] });
      new IamRolePolicy(scope, policyId, { name: policyName, role: roleId, policy: this.document.json });
    }
    this.document.putStatement([...this.statements]);
  }

  /** The statements granted so far. */
  get granted(): readonly PolicyStatement[] {
    return this.statements;
  }
}

/** What using a KMS key to encrypt and decrypt data takes. */
export const KEY_ENCRYPT_DECRYPT_ACTIONS = [
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
  "kms:DescribeKey",
];

const ALIAS_ARN = /^arn:([^:]+):kms:([^:]+):(\d{12}):(alias\/.+)$/;

/**
 * A statement allowing `actions` on one key, named by key ARN or alias ARN. KMS authorizes
 * against the key, never the alias, so an alias ARN becomes "keys of that account and region
 * that carry this alias" (kms:ResourceAliases): as narrow, without knowing the key's id, which a
 * key in another region's stack has no way to know at synth.
 */
export function keyUseStatement(
  sid: string,
  keyOrAliasArn: string,
  actions: readonly string[],
  conditions: readonly DataAwsIamPolicyDocumentStatementCondition[] = [],
): PolicyStatement {
  const alias = Token.isUnresolved(keyOrAliasArn) ? null : ALIAS_ARN.exec(keyOrAliasArn);
  const condition = alias
    ? [...conditions, { test: "ForAnyValue:StringEquals", variable: "kms:ResourceAliases", values: [alias[4]] }]
    : [...conditions];
  return {
    sid,
    actions: [...actions],
    resources: [alias ? `arn:${alias[1]}:kms:${alias[2]}:${alias[3]}:key/*` : keyOrAliasArn],
    ...(condition.length > 0 ? { condition } : {}),
  };
}

/** `birthday_app` -> `BirthdayApp`: a name as it may appear in a statement id. */
export function sidPart(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join("");
}
