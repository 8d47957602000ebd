import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { GENERATION } from "../../validation/limits";
import { PropChecks } from "../../validation/prop-checks";
import { generatedPassword } from "../security/ephemeral";

const PASSWORD_LENGTH = 32;

/** The user name Grafana's admin account is created with. */
export const GRAFANA_ADMIN_USER = "admin";

export interface GrafanaAdminCredentialsProps {
  readonly namer: Namer;
  /** The region's customer key: the secret is encrypted with it. */
  readonly kmsKeyArn: string;
  /**
   * Generation of the password: bumping it writes a new secret version with a new password; the
   * k8s stack passes the same number as `data_wo_revision`, so the Kubernetes secret follows.
   * @default 1
   */
  readonly passwordVersion?: number;
}

/**
 * Grafana's admin credentials in a CMK-encrypted Secrets Manager secret of the region, generated
 * where no plan, state or synthesized JSON sees them.
 *
 * WHY: seed 003 sets Grafana's `adminPassword` in plain text. Here the password comes from the
 * ephemeral `aws_secretsmanager_random_password` and is written only through `secret_string_wo`;
 * the region's k8s stack reads the secret ephemerally into a `kubernetes_secret_v1` (`data_wo`),
 * which the chart mounts through `admin.existingSecret`. Each region has its own Grafana, so the
 * secret is not replicated: DR's Grafana keeps working while us-east-2 is down.
 */
export class GrafanaAdminCredentials extends Construct {
  /** The secret's name, which the k8s stack of the same region reads it by. */
  static secretName(namer: Namer): string {
    return namer.name("grafana-admin");
  }

  readonly secret: SecretsmanagerSecret;
  readonly secretArn: string;
  readonly passwordVersion: number;

  constructor(scope: Construct, id: string, props: GrafanaAdminCredentialsProps) {
    super(scope, id);
    const passwordVersion = props.passwordVersion ?? 1;
    new PropChecks(this).wholeNumber("passwordVersion", passwordVersion, GENERATION).throwIfAny();
    this.passwordVersion = passwordVersion;
    // Letters and digits only: the password passes through a Kubernetes secret and Grafana's ini.
    const password = generatedPassword(this, "grafana_admin_password", {
      length: PASSWORD_LENGTH,
      excludePunctuation: true,
    });

    this.secret = new SecretsmanagerSecret(this, "Resource", {
      name: GrafanaAdminCredentials.secretName(props.namer),
      description: "Grafana admin login of this region's cluster: written only through write-only arguments",
      kmsKeyId: props.kmsKeyArn,
      recoveryWindowInDays: 7,
    });
    this.secretArn = this.secret.arn;
    new SecretsmanagerSecretVersion(this, "Version", {
      secretId: this.secret.id,
      secretStringWo: Fn.jsonencode({
        username: GRAFANA_ADMIN_USER,
        password,
      }),
      secretStringWoVersion: passwordVersion,
    });
  }
}
