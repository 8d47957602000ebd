/**
 * The Terraform resource types whose destruction loses data or identity that a new apply cannot
 * bring back: the one list the plan's stateful guard, the committed address list and the teardown
 * checks read, so "stateful" means the same thing everywhere.
 *
 * A type belongs here when destroying or replacing it deletes something other than configuration:
 * rows, objects, logs, images, recovery points, key material, or an identity others depend on (a
 * KMS key's id is in every ciphertext; the EKS cluster's OIDC issuer is in every IRSA trust).
 */
export const STATEFUL_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  aws_s3_bucket: "objects: Terraform state, logs, replicas, pipeline artifacts",
  aws_rds_global_cluster: "the Aurora global database every regional cluster belongs to",
  aws_rds_cluster: "the Aurora cluster volume: the app's data",
  aws_rds_cluster_instance: "an Aurora instance; replacing the writer fails over the cluster",
  aws_elasticache_replication_group: "the Redis cache and its snapshots",
  aws_elasticache_global_replication_group: "the Redis Global Datastore joining both regions",
  aws_kms_key: "key material: everything encrypted under the key becomes unreadable once it is deleted",
  aws_secretsmanager_secret: "the database credentials and their version history",
  aws_backup_vault: "recovery points of the Aurora backups and their cross-region copies",
  aws_cloudwatch_log_group: "logs: flow logs, audit and application logs kept for their retention",
  aws_ecr_repository: "container images and Helm charts the clusters deploy",
  aws_eks_cluster: "the Kubernetes control plane, its etcd and the OIDC issuer every IRSA role trusts",
};

/** True when destroying or replacing a resource of `type` loses data (see {@link STATEFUL_RESOURCE_TYPES}). */
export function isStatefulType(type: string): boolean {
  return Object.hasOwn(STATEFUL_RESOURCE_TYPES, type);
}
