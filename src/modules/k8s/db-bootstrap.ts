import { JobV1 } from "@cdktf/provider-kubernetes/lib/job-v1";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Construct } from "constructs";
import { databaseBootstrapSql } from "./db-bootstrap-sql";
import { SecretFromSecretsManager } from "./secret-from-secrets-manager";

/** psql for the bootstrap: the engine's major version, from ECR Public (no Docker Hub limits). */
export const PSQL_IMAGE = "public.ecr.aws/docker/library/postgres:16.6-alpine";
/** The `postgres` user of the alpine image. */
const PSQL_UID = "70";

export interface DatabaseBootstrapProps {
  /** Namespace created for the Job and the master credentials, and nothing else. */
  readonly namespace: string;
  /** The master secret's name (the primary's, replicated to DR under the same name). */
  readonly masterSecretName: string;
  /** The master password's generation (`DatabaseCredentials.passwordVersion`). */
  readonly masterPasswordVersion: number;
  readonly masterUsername: string;
  /** The writer, by its generic name (`db.<internal zone>`). */
  readonly host: string;
  readonly databaseName: string;
  readonly appUsername: string;
}

/**
 * Creates the app's IAM-authenticated database role (`GRANT rds_iam`) on the writer, once per
 * change, as a Kubernetes Job that Terraform runs and waits for.
 *
 * WHY here and not a Helm hook or the deploy project: the bootstrap needs the master password,
 * and the pipeline's deploy role can create pods in the app's namespace (a hook's service
 * account there would hand it the password) while its network path to Aurora does not exist.
 * Here the master credentials live in a namespace only cluster admins reach, copied from Secrets
 * Manager through write-only data, and the Job's pod reaches Aurora from the nodes, whose
 * security group the database admits. It runs with the k8s stack, before the pipeline's first
 * deploy; a changed statement replaces the Job and runs it again; the SQL is idempotent.
 */
export class DatabaseBootstrap extends Construct {
  readonly job: JobV1;

  constructor(scope: Construct, id: string, props: DatabaseBootstrapProps) {
    super(scope, id);
    const sql = databaseBootstrapSql(props.appUsername, props.databaseName, props.masterUsername);
    const labels = { "app.kubernetes.io/managed-by": "titan", "app.kubernetes.io/name": "db-bootstrap" };
    const namespace = new NamespaceV1(this, "Namespace", { metadata: { name: props.namespace, labels } });
    const credentials = new SecretFromSecretsManager(this, "MasterCredentials", {
      namespace: namespace.metadata.name,
      name: "db-master",
      secretId: props.masterSecretName,
      keys: { PGUSER: "username", PGPASSWORD: "password" },
      revision: props.masterPasswordVersion,
    });

    this.job = new JobV1(this, "Resource", {
      metadata: { namespace: namespace.metadata.name, name: "create-app-db-user", labels },
      spec: {
        backoffLimit: 4,
        activeDeadlineSeconds: 600,
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: "Never",
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: PSQL_UID,
              runAsGroup: PSQL_UID,
              seccompProfile: { type: "RuntimeDefault" },
            },
            container: [
              {
                name: "psql",
                image: PSQL_IMAGE,
                command: ["psql", "--no-psqlrc", "--set", "ON_ERROR_STOP=1", "--command", sql],
                env: [
                  { name: "PGHOST", value: props.host },
                  { name: "PGPORT", value: "5432" },
                  { name: "PGDATABASE", value: props.databaseName },
                  // Aurora requires TLS (rds.force_ssl); the image carries no RDS CA bundle to verify.
                  { name: "PGSSLMODE", value: "require" },
                  { name: "PGCONNECT_TIMEOUT", value: "10" },
                ],
                envFrom: [{ secretRef: { name: credentials.secret.metadata.name } }],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"] },
                },
                resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } },
              },
            ],
          },
        },
      },
      waitForCompletion: true,
      timeouts: { create: "10m", update: "10m" },
    });
  }
}
