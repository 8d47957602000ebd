import { JobV1 } from "@cdktf/provider-kubernetes/lib/job-v1";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { Construct } from "constructs";
import type { ImageCacheRef } from "../compute/image-cache-names";
import { SERVICE_ACCOUNTS } from "../compute/service-accounts";
import { FETCH_SECRET_SCRIPT, RUN_SQL_SCRIPT, SECRET_DIR } from "./db-bootstrap-script";
import { databaseBootstrapSql } from "./db-bootstrap-sql";
import { NamespaceIsolation } from "./namespace-isolation";
import { podSecurityLabels } from "./pod-security";

/**
 * psql for the bootstrap: the engine's major version, Docker's official image as ECR Public serves
 * it (no Docker Hub limits), through the region's pull through cache.
 */
export const PSQL_IMAGE = { path: "docker/library/postgres", tag: "16.6-alpine" } as const;
/** The aws CLI, AWS's own image on ECR Public: fetches the master secret with the pod's IRSA role. */
export const AWS_CLI_IMAGE = { path: "aws-cli/aws-cli", tag: "2.27.49" } as const;
/** The `postgres` user of the alpine image; the aws CLI image runs as any user. */
const PSQL_UID = "70";

export interface DatabaseBootstrapProps {
  /** The master secret's name (the primary's, replicated to DR under the same name). */
  readonly masterSecretName: string;
  /** IAM role the Job's service account assumes (IRSA): it may read the master secret, nothing else. */
  readonly serviceAccountRoleArn: string;
  /** The region of the secret (and of the STS and Secrets Manager endpoints in the VPC). */
  readonly region: string;
  readonly masterUsername: string;
  /** The writer, by its generic name (`db.<internal zone>`). */
  readonly host: string;
  readonly databaseName: string;
  readonly appUsername: string;
  /** The region's ECR pull through cache, which both images come through. */
  readonly images: ImageCacheRef;
  /** The VPC's CIDR: Aurora and the STS and Secrets Manager endpoints the pod may reach. */
  readonly vpcCidr: string;
  /**
   * Isolate the namespace with NetworkPolicies: only DNS, Aurora and the VPC's endpoints out,
   * nothing in. Needs a network policy engine (VPC CNI's, switched on by the regional stack).
   * @default true
   */
  readonly isolateNetwork?: boolean;
}

/**
 * Creates the app's IAM-authenticated database role (`GRANT rds_iam`) on the writer, once per
 * change, as a Kubernetes Job that Terraform runs and waits for.
 *
 * WHY here and not a Helm hook or the deploy project: the bootstrap needs the master password,
 * and the pipeline's deploy role can create pods in the app's namespace (a hook's service
 * account there would hand it the password) while its network path to Aurora does not exist.
 * WHY the pod fetches the password itself (IRSA, Secrets Manager) instead of Terraform writing a
 * Kubernetes secret: a secret Terraform manages is refreshed on every plan, so whoever plans (the
 * team workflow's un-gated plan role) would need to read it; now no plan opens the master secret
 * for the cluster, no Kubernetes secret holds it, and the Job always reads the current version
 * (a rotation needs nothing here). The namespace holds only this Job, under the restricted Pod
 * Security profile and, with a network policy engine, NetworkPolicies that let it reach DNS, Aurora
 * and the VPC's endpoints only. A changed statement replaces the Job and runs it again; the SQL is
 * idempotent.
 */
export class DatabaseBootstrap extends Construct {
  readonly namespace: NamespaceV1;
  readonly serviceAccount: ServiceAccountV1;
  readonly job: JobV1;

  constructor(scope: Construct, id: string, props: DatabaseBootstrapProps) {
    super(scope, id);
    const account = SERVICE_ACCOUNTS.dbBootstrap;
    const sql = databaseBootstrapSql(props.appUsername, props.databaseName, props.masterUsername);
    const labels = { "app.kubernetes.io/managed-by": "titan", "app.kubernetes.io/name": "db-bootstrap" };
    this.namespace = new NamespaceV1(this, "Namespace", {
      metadata: { name: account.namespace, labels: { ...labels, ...podSecurityLabels("restricted") } },
    });
    const namespace = this.namespace.metadata.name;
    this.serviceAccount = new ServiceAccountV1(this, "ServiceAccount", {
      metadata: {
        namespace,
        name: account.name,
        labels,
        annotations: {
          "eks.amazonaws.com/role-arn": props.serviceAccountRoleArn,
          "eks.amazonaws.com/sts-regional-endpoints": "true",
        },
      },
      // The pod needs no Kubernetes API token; the IRSA token is projected regardless.
      automountServiceAccountToken: false,
    });
    if (props.isolateNetwork ?? true) {
      new NamespaceIsolation(this, "Isolation", {
        namespace,
        egress: [
          { description: "Aurora's writer", cidr: props.vpcCidr, port: 5432 },
          { description: "the VPC's STS and Secrets Manager endpoints", cidr: props.vpcCidr, port: 443 },
        ],
      });
    }

    const hardened = {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    };
    const secretVolume = { name: "db-master", mountPath: SECRET_DIR };
    this.job = new JobV1(this, "Resource", {
      metadata: { namespace, name: "create-app-db-user", labels },
      spec: {
        backoffLimit: 4,
        activeDeadlineSeconds: 600,
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: "Never",
            serviceAccountName: this.serviceAccount.metadata.name,
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: PSQL_UID,
              runAsGroup: PSQL_UID,
              fsGroup: PSQL_UID,
              seccompProfile: { type: "RuntimeDefault" },
            },
            volume: [
              // Memory only: the secret never touches the node's disk, and goes with the pod.
              { name: secretVolume.name, emptyDir: { medium: "Memory", sizeLimit: "1Mi" } },
              { name: "aws-home", emptyDir: { medium: "Memory", sizeLimit: "16Mi" } },
            ],
            initContainer: [
              {
                name: "fetch-master-secret",
                image: `${props.images.image("ecrPublic", AWS_CLI_IMAGE.path).url}:${AWS_CLI_IMAGE.tag}`,
                command: ["sh", "-c", FETCH_SECRET_SCRIPT],
                env: [
                  { name: "MASTER_SECRET_ID", value: props.masterSecretName },
                  { name: "AWS_REGION", value: props.region },
                  { name: "AWS_STS_REGIONAL_ENDPOINTS", value: "regional" },
                  { name: "HOME", value: "/home/aws" },
                ],
                volumeMount: [secretVolume, { name: "aws-home", mountPath: "/home/aws" }],
                securityContext: hardened,
                resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "256Mi" } },
              },
            ],
            container: [
              {
                name: "psql",
                image: `${props.images.image("ecrPublic", PSQL_IMAGE.path).url}:${PSQL_IMAGE.tag}`,
                command: ["sh", "-c", RUN_SQL_SCRIPT],
                env: [
                  { name: "BOOTSTRAP_SQL", value: sql },
                  { name: "PGHOST", value: props.host },
                  { name: "PGPORT", value: "5432" },
                  { name: "PGDATABASE", value: props.databaseName },
                  { name: "PGUSER", value: props.masterUsername },
                  // Aurora requires TLS (rds.force_ssl); the image carries no RDS CA bundle to verify.
                  { name: "PGSSLMODE", value: "require" },
                  { name: "PGCONNECT_TIMEOUT", value: "10" },
                ],
                volumeMount: [secretVolume],
                securityContext: hardened,
                resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } },
              },
            ],
          },
        },
      },
      waitForCompletion: true,
      timeouts: { create: "10m", update: "10m" },
      dependsOn: [this.serviceAccount],
    });
  }
}
