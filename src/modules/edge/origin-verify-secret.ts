import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { GENERATION } from "../../validation/limits";
import { PropChecks } from "../../validation/prop-checks";
import { addEphemeralBlock, ephemeralName, ephemeralReference, generatedPassword } from "../security/ephemeral";

/**
 * Length of the generated value. Letters and digits only: an ALB header condition treats `*` and
 * `?` as wildcards, and 48 of 62 symbols are about 285 bits, far beyond guessing.
 */
const VALUE_LENGTH = 48;

export interface OriginVerifySecretProps {
  readonly namer: Namer;
  /** The primary region's customer key, for the secret itself. */
  readonly kmsKeyArn: string;
  /**
   * Regions holding a read replica: the DR region (its ALB) and us-east-1 (CloudFront's settings
   * live in the global stack, whose provider is there). Replicas use each region's AWS-managed
   * `aws/secretsmanager` key: the DR key and the global stack do not exist yet when primary is
   * applied first.
   */
  readonly replicaRegions: readonly string[];
  /** `edge.originVerify.generation`: bumping it by one rotates the value. */
  readonly generation: number;
}

/**
 * The shared secret behind the origin-verify header, created by the primary stack and replicated
 * to the regions whose stacks read it.
 *
 * The value comes from the ephemeral `aws_secretsmanager_random_password` and goes only into the
 * write-only `secret_string_wo`: it is in no synthesized JSON and no plan, and it changes only when
 * `generation` does (the write-only version). The secret holds
 * `{"generation": N, "current": "...", "previous": "..."}`:
 *
 * - generation 1 writes a fresh value as both `current` and `previous`;
 * - generation N > 1 writes a fresh `current` and keeps the value it replaces as `previous`, read
 *   through the ephemeral `aws_secretsmanager_secret_version` just before the write. Reading the
 *   version already at generation N (an apply that wrote it and failed later) keeps its
 *   `previous`, so a retried apply never loses the value CloudFront still sends.
 *
 * ALBs accept both `current` and `previous`, CloudFront sends `current`: applying primary, dr and
 * then global after a bump rotates without a request refused. A fresh deployment starts at
 * generation 1, because generation N > 1 reads the value it replaces.
 */
export class OriginVerifySecret extends Construct {
  /** The secret's name, shared by its replicas: readers in every region use it. */
  static secretName(primaryNamer: Namer): string {
    return primaryNamer.name("origin-verify");
  }

  readonly secret: SecretsmanagerSecret;
  readonly version: SecretsmanagerSecretVersion;

  constructor(scope: Construct, id: string, props: OriginVerifySecretProps) {
    super(scope, id);
    const { generation } = props;
    new PropChecks(this)
      .wholeNumber("generation", generation, GENERATION)
      .require(
        new Set(props.replicaRegions).size === props.replicaRegions.length,
        "replicaRegions",
        () => `repeats a region, got ${JSON.stringify(props.replicaRegions)}; list each once`,
      )
      .throwIfAny();

    this.secret = new SecretsmanagerSecret(this, "Resource", {
      name: OriginVerifySecret.secretName(props.namer),
      description:
        "Origin-verify header CloudFront sends and the ALBs require: written only through write-only arguments",
      kmsKeyId: props.kmsKeyArn,
      recoveryWindowInDays: 30,
      replica: props.replicaRegions.map((region) => ({ region })),
    });

    const current = generatedPassword(this, "origin_verify_value", { length: VALUE_LENGTH, excludePunctuation: true });
    this.version = new SecretsmanagerSecretVersion(this, "Version", {
      secretId: this.secret.id,
      secretStringWo: Fn.jsonencode({ generation, current, previous: this.previousValue(generation, current) }),
      secretStringWoVersion: generation,
    });
  }

  /** The value the new generation keeps accepting: see the class comment. */
  private previousValue(generation: number, current: string): string {
    if (generation === 1) {
      return current;
    }
    const replaced = addEphemeralBlock(
      this,
      "aws_secretsmanager_secret_version",
      ephemeralName(this, "origin_verify_replaced"),
      { secret_id: this.secret.id, version_stage: "AWSCURRENT" },
    );
    const stored = `jsondecode(${replaced}.secret_string)`;
    return ephemeralReference(`${stored}.generation == ${generation} ? ${stored}.previous : ${stored}.current`);
  }
}
