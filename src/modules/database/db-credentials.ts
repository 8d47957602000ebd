import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { GENERATION } from "../../validation/limits";
import { PropChecks } from "../../validation/prop-checks";
import { addEphemeralBlock, ephemeralName, ephemeralReference, generatedPassword } from "../security/ephemeral";
import type { PolicyStatement } from "../security/grants";

/** Characters RDS refuses in a master password: `/`, `"`, `@` and space. */
const RDS_EXCLUDED_CHARACTERS = '/"@ ';
const PASSWORD_LENGTH = 32;
const POSTGRES_PORT = 5432;

/** Where the master secret is read in one region: primary's own secret, or DR's replica of it. */
export interface MasterSecretLocation {
  /** The secret's ARN; for a replica, its name followed by `-??????` (the suffix is random). */
  readonly secretArn: string;
  readonly region: string;
  /**
   * The customer key that encrypts it there.
   * @default - an AWS-managed key, which Secrets Manager opens for anyone IAM lets read the secret
   */
  readonly kmsKeyArn?: string;
}

/**
 * Read access to the master secret where `location` says, and nothing else: the secret, decrypted
 * only through Secrets Manager and only for it (the encryption context names the secret).
 */
export function masterSecretReadStatements(location: MasterSecretLocation): PolicyStatement[] {
  const read: PolicyStatement = {
    sid: "ReadTheMasterSecret",
    actions: ["secretsmanager:GetSecretValue"],
    resources: [location.secretArn],
  };
  if (location.kmsKeyArn === undefined) {
    return [read];
  }
  return [
    read,
    {
      sid: "DecryptItThroughSecretsManager",
      actions: ["kms:Decrypt"],
      resources: [location.kmsKeyArn],
      condition: [
        {
          test: "StringEquals",
          variable: "kms:ViaService",
          values: [`secretsmanager.${location.region}.amazonaws.com`],
        },
        { test: "StringEquals", variable: "kms:EncryptionContext:SecretARN", values: [location.secretArn] },
      ],
    },
  ];
}

export interface DatabaseCredentialsProps {
  readonly namer: Namer;
  /** Customer key of the primary region that encrypts the secret. */
  readonly kmsKeyArn: string;
  /** Region the secret is replicated to (the DR region), so the app there can read it after a failover. */
  readonly replicaRegion: string;
  /**
   * Customer key in `replicaRegion` for the replica. The DR region's key is created by the `dr`
   * stack, which deploys after `primary`, so it does not exist on the first apply of `primary`.
   * @default - the replica region's AWS-managed `aws/secretsmanager` key
   */
  readonly replicaKmsKeyArn?: string;
  /** Master user name, the same the primary cluster is created with. */
  readonly username: string;
  /** Database created in the primary cluster. */
  readonly databaseName: string;
  /** Generic DB name the app connects to (the private-zone CNAME), e.g. `db.titan.internal`. */
  readonly host: string;
  /**
   * Generation of the password. Bumping it rotates: the secret version is replaced (a new
   * `secret_string_wo_version`) with a freshly generated password, and the cluster's
   * `master_password_wo_version` changes with it, so the cluster is sent what the new version holds.
   * @default 1
   */
  readonly passwordVersion?: number;
}

/**
 * The Aurora master credentials: a generated password that never reaches Terraform state or the
 * synthesized JSON, kept in a CMK-encrypted Secrets Manager secret replicated to the DR region.
 *
 * WHY: a global database cannot use the RDS-managed master password, so titan generates one. The
 * password comes from the `aws_secretsmanager_random_password` ephemeral resource and goes only into
 * write-only arguments, which Terraform neither plans nor stores. The secret is the single source of
 * truth: the generated password is written only to the secret (`secret_string_wo`), and the cluster's
 * `master_password_wo` is read back from the secret version that write created (the
 * `aws_secretsmanager_secret_version` ephemeral resource, pinned to its `version_id`). The random
 * password changes on every run, so feeding it to both would let them disagree after a partial
 * apply (secret written, cluster create failed): the next apply would send the cluster a new
 * password while the secret, unchanged, kept the old one. On a first apply, or after a rotation, the
 * version id is unknown at plan, so Terraform opens the read-back at apply, once the version exists.
 *
 * cdktf 0.21 has no ephemeral-resource class, so both blocks are added to the stack by override as
 * `ephemeral.<type>.db_master_<role>_<hash>`, where the hash comes from this construct's path:
 * unique per stack, and harmless to change because ephemeral resources keep no state. The secret is
 * replicated so the DR region keeps its credentials when the primary region is down. Build it in
 * the primary stack only.
 */
export class DatabaseCredentials extends Construct {
  /**
   * The secret's name, which its DR replica shares: readers in either region use it (the
   * replica's ARN has a random suffix nobody knows before it exists).
   */
  static secretName(primaryNamer: Namer): string {
    return primaryNamer.name("db-master");
  }

  /**
   * The replica in `region` (DR's), known from names alone, so the DR stack needs nothing of
   * primary's: it uses the region's AWS-managed key (see `replicaKmsKeyArn`).
   */
  static replicaLocation(primaryNamer: Namer, region: string, accountId: string): MasterSecretLocation {
    const name = DatabaseCredentials.secretName(primaryNamer);
    return { secretArn: `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-??????`, region };
  }

  readonly secret: SecretsmanagerSecret;
  readonly secretVersion: SecretsmanagerSecretVersion;
  readonly secretArn: string;
  /**
   * The password as the secret holds it, for `master_password_wo`: a token that renders as
   * `${jsondecode(ephemeral.aws_secretsmanager_secret_version.<name>.secret_string).password}`, and
   * unbraced inside Terraform functions.
   */
  readonly passwordExpression: string;
  readonly passwordVersion: number;
  private readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: DatabaseCredentialsProps) {
    super(scope, id);
    const passwordVersion = props.passwordVersion ?? 1;
    new PropChecks(this)
      .wholeNumber("passwordVersion", passwordVersion, GENERATION)
      .require(
        props.host.trim() !== "",
        "host",
        `must be the generic DB name (e.g. db.titan.internal), got "${props.host}"`,
      )
      .throwIfAny();
    this.passwordVersion = passwordVersion;
    this.kmsKeyArn = props.kmsKeyArn;

    const password = generatedPassword(this, "db_master_password", {
      length: PASSWORD_LENGTH,
      excludeCharacters: RDS_EXCLUDED_CHARACTERS,
    });

    this.secret = new SecretsmanagerSecret(this, "Resource", {
      name: DatabaseCredentials.secretName(props.namer),
      description: "Aurora master credentials: written only through write-only arguments",
      kmsKeyId: props.kmsKeyArn,
      // The longest window: a deleted secret can be restored for 30 days.
      recoveryWindowInDays: 30,
      replica: [{ region: props.replicaRegion, kmsKeyId: props.replicaKmsKeyArn }],
    });
    this.secretArn = this.secret.arn;

    this.secretVersion = new SecretsmanagerSecretVersion(this, "Version", {
      secretId: this.secret.id,
      // The field names follow the RDS secret structure that Secrets Manager rotation functions read.
      secretStringWo: Fn.jsonencode({
        engine: "postgres",
        username: props.username,
        password,
        dbname: props.databaseName,
        port: POSTGRES_PORT,
        host: props.host,
      }),
      secretStringWoVersion: passwordVersion,
    });

    const readBack = addEphemeralBlock(
      this,
      "aws_secretsmanager_secret_version",
      ephemeralName(this, "db_master_secret"),
      {
        secret_id: this.secret.id,
        // The version written above, not whatever AWSCURRENT points to: the cluster can only ever be
        // sent what this passwordVersion's secret version holds.
        version_id: this.secretVersion.versionId,
        depends_on: [`${this.secretVersion.terraformResourceType}.${this.secretVersion.friendlyUniqueId}`],
      },
    );
    this.passwordExpression = ephemeralReference(`jsondecode(${readBack}.secret_string).password`);
  }

  /** This secret, in the region it was made in (`region`): what the bootstrap reads there. */
  locationIn(region: string): MasterSecretLocation {
    return { secretArn: this.secretArn, region, kmsKeyArn: this.kmsKeyArn };
  }
}
