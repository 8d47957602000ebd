import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { Construct } from "constructs";
import { GENERATION } from "../../validation/limits";
import { PropChecks } from "../../validation/prop-checks";
import { ephemeralName, ephemeralSecretField } from "../security/ephemeral";

export interface SecretFromSecretsManagerProps {
  /** The Kubernetes secret's namespace and name. */
  readonly namespace: string;
  readonly name: string;
  /** The Secrets Manager secret (name, found in the stack's region), JSON with the fields below. */
  readonly secretId: string;
  /** Key in the Kubernetes secret -> field of the Secrets Manager secret's JSON. */
  readonly keys: Readonly<Record<string, string>>;
  /**
   * Bump to rewrite the Kubernetes secret (write-only data is not compared on plan): follow the
   * Secrets Manager secret's own password version.
   */
  readonly revision: number;
}

/**
 * A Kubernetes secret filled from a Secrets Manager secret without the value ever reaching the
 * plan, the state or the synthesized JSON: the secret is read by the ephemeral
 * `aws_secretsmanager_secret_version` and written through `data_wo` (kubernetes provider 2.38,
 * Terraform 1.11). Secrets Manager stays the source; EKS encrypts the copy with the customer key.
 */
export class SecretFromSecretsManager extends Construct {
  readonly secret: SecretV1;

  constructor(scope: Construct, id: string, props: SecretFromSecretsManagerProps) {
    super(scope, id);
    new PropChecks(this)
      .notEmpty("keys", Object.keys(props.keys), "at least one secret key mapped to a JSON field")
      .wholeNumber("revision", props.revision, GENERATION)
      .throwIfAny();
    const field = ephemeralSecretField(this, ephemeralName(this, "k8s_secret_source"), { secretId: props.secretId });
    this.secret = new SecretV1(this, "Resource", {
      metadata: { namespace: props.namespace, name: props.name, labels: { "app.kubernetes.io/managed-by": "titan" } },
      type: "Opaque",
      dataWo: Object.fromEntries(Object.entries(props.keys).map(([key, jsonField]) => [key, field(jsonField)])),
      dataWoRevision: props.revision,
    });
  }
}
