/**
 * The ARN `rds-db:connect` is granted on: one database user of one Aurora cluster.
 *
 * WHY the cluster's resource id (`cluster-ABC...`), not its name: IAM database authentication
 * checks the token against `arn:aws:rds-db:<region>:<account>:dbuser:<resource id>/<user>`, and
 * the resource id is what AWS generates when the cluster is created, in the cluster's own region.
 * A region's workloads get their own region's cluster: it is the one they can reach, and it holds
 * the writer after a failover.
 */
export function dbUserConnectArn(
  region: string,
  accountId: string,
  clusterResourceId: string,
  username: string,
): string {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(username)) {
    throw new Error(
      `dbUserConnectArn: "${username}" is not a PostgreSQL role name titan creates (lowercase letters, digits, underscores)`,
    );
  }
  return `arn:aws:rds-db:${region}:${accountId}:dbuser:${clusterResourceId}/${username}`;
}
