import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import { suppressRule } from "../../policy";
import { type Grantable, KEY_ENCRYPT_DECRYPT_ACTIONS, keyUseStatement } from "./grants";

/**
 * Why the root statement's `kms:*` on `*` is not the wildcard grant TITAN-IAM-1 forbids: in a key
 * policy `*` is this key alone, and the statement is AWS's default, which lets IAM policies grant use
 * of the key; without it nobody but the key policy's principals can ever manage the key again.
 */
const ROOT_STATEMENT_REASON =
  'in a key policy Resource "*" means this key only; the root statement is the AWS default key policy that delegates to IAM, without which the key becomes unmanageable';

export interface RegionalKeyProps {
  /** Alias without the `alias/` prefix, e.g. `titan-primary-data`. */
  readonly aliasName: string;
  readonly description: string;
  /** Region of the key: CloudWatch Logs is granted through its regional service principal. */
  readonly region: string;
  readonly accountId: string;
  /** Statements for service principals or roles beyond the defaults (e.g. EBS via Auto Scaling). */
  readonly additionalStatements?: readonly DataAwsIamPolicyDocumentStatement[];
  /** Days AWS waits before deleting a scheduled key. @default 30: the longest, for the most time to cancel */
  readonly deletionWindowDays?: number;
}

/**
 * The customer-managed key of one region, used by Aurora, Redis, Secrets Manager, logs, EBS, ECR,
 * SNS, Backup and S3 wherever AWS accepts a customer key.
 *
 * One key per region because KMS keys are regional and every encrypted replica (Aurora secondary,
 * S3 replicas, Secrets Manager replica, backup copies) must be re-encrypted under a key in its own
 * region. Rotation is on. The policy is explicit: the account administers and delegates through
 * IAM, CloudWatch Logs may use it only for this account's log groups in this region (the encryption
 * context names the log group), and CloudWatch may publish encrypted notifications only for this
 * account's alarms in this region (aws:SourceAccount and aws:SourceArn, the confused-deputy guard).
 */
export class RegionalKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: RegionalKeyProps) {
    super(scope, id);
    const policy = new DataAwsIamPolicyDocument(this, "Policy", {
      statement: [
        {
          sid: "AccountAdministersAndDelegatesToIam",
          principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${props.accountId}:root`] }],
          actions: ["kms:*"],
          resources: ["*"],
        },
        {
          sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
          principals: [{ type: "Service", identifiers: [`logs.${props.region}.amazonaws.com`] }],
          actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          resources: ["*"],
          condition: [
            {
              test: "ArnLike",
              variable: "kms:EncryptionContext:aws:logs:arn",
              values: [`arn:aws:logs:${props.region}:${props.accountId}:log-group:*`],
            },
          ],
        },
        {
          sid: "CloudWatchAlarmsPublishToEncryptedTopics",
          principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }],
          actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
          resources: ["*"],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] },
            {
              test: "ArnLike",
              variable: "aws:SourceArn",
              values: [`arn:aws:cloudwatch:${props.region}:${props.accountId}:alarm:*`],
            },
          ],
        },
        ...(props.additionalStatements ?? []),
      ],
    });

    this.key = new KmsKey(this, "Resource", {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowDays ?? 30,
      policy: policy.json,
    });
    suppressRule(this.key, "TITAN-IAM-1", ROOT_STATEMENT_REASON);
    this.alias = new KmsAlias(this, "Alias", { name: `alias/${props.aliasName}`, targetKeyId: this.key.keyId });
  }

  get arn(): string {
    return this.key.arn;
  }

  /** Lets `grantee` encrypt and decrypt data with the key (through IAM: the key policy delegates). */
  grantEncryptDecrypt(grantee: Grantable): void {
    grantee.addToPolicy(keyUseStatement("EncryptDecryptWithRegionKey", this.arn, KEY_ENCRYPT_DECRYPT_ACTIONS));
  }

  /**
   * Lets `grantee` hand the key to an AWS service through a grant, and only to one
   * (`kms:GrantIsForAWSResource`): what the EBS CSI driver needs so EC2 can attach encrypted volumes.
   */
  grantToAwsResources(grantee: Grantable): void {
    grantee.addToPolicy({
      sid: "GrantRegionKeyToAwsResources",
      actions: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
      resources: [this.arn],
      condition: [{ test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
    });
  }
}
