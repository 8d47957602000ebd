import { DataAwsSecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Fn, Token } from "cdktf";
import { Construct } from "constructs";

export interface OriginVerifyValueProps {
  /** The secret's name (`OriginVerifySecret.secretName`), the same for its replicas. */
  readonly secretName: string;
  /**
   * The version to read: primary pins the version it just wrote, so its listener never reads a
   * value ahead of what it applies.
   * @default - the version labelled AWSCURRENT: the replica in the provider's region
   */
  readonly versionId?: string;
  /** @default - the scope's default provider: the secret (or its replica) in that region */
  readonly provider?: AwsProvider;
}

/**
 * The origin-verify values as one region reads them from its own copy of the secret.
 *
 * WHY a data source and not an ephemeral read: listener-rule conditions and CloudFront's custom
 * headers are ordinary arguments, not write-only ones, so an ephemeral value cannot go there. The
 * value therefore sits in the consumer's encrypted state (never in the synthesized JSON), and a
 * consumer changes only when the secret does. Each region reads its own replica, so neither `dr`
 * nor `global` calls us-east-2.
 */
export class OriginVerifyValue extends Construct {
  /** The value CloudFront sends. */
  readonly current: string;
  /** What an ALB accepts: the current value and, after a rotation, the previous one. */
  readonly acceptedValues: string[];

  constructor(scope: Construct, id: string, props: OriginVerifyValueProps) {
    super(scope, id);
    const version = new DataAwsSecretsmanagerSecretVersion(this, "Resource", {
      secretId: props.secretName,
      versionId: props.versionId,
      provider: props.provider,
    });
    const stored = Fn.jsondecode(version.secretString);
    this.current = Token.asString(Fn.lookupNested(stored, ["current"]));
    const previous = Token.asString(Fn.lookupNested(stored, ["previous"]));
    this.acceptedValues = Fn.distinct([this.current, previous]);
  }
}
