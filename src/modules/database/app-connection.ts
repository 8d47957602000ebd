/**
 * How the app reaches its region's Aurora cluster: the contract both the chart's environment
 * (`helm-chart/`, `app.database`) and the EC2 web tier's user data carry, written once here.
 *
 * `host` is the generic name `db.<internal zone>`, a CNAME whose target moves: the writer in the
 * active region, the local reader in the standby one, the new writer after a failover. IAM
 * authentication tokens are signed for a host name, and AWS refuses one signed for a custom DNS
 * name: "You cannot use a custom Route 53 DNS record instead of the DB cluster endpoint to
 * generate the authentication token" (Aurora user guide, "Connecting to your DB cluster using IAM
 * authentication"). So the app resolves the CNAME at every connect (`DB_HOST_IS_CNAME`), then
 * connects to the endpoint it names and signs the token for that endpoint. Connecting to the real
 * endpoint also lets TLS check the host name (`verify-full`), which the CNAME could not pass.
 */

/** The PostgreSQL port Aurora listens on. */
export const POSTGRES_PORT = 5432;

/** TLS that checks the chain and that the certificate names the endpoint connected to. */
export const APP_DATABASE_SSL_MODE = "verify-full";

export interface AppDatabaseConnection {
  /** The generic name to resolve at each connect: a CNAME of one of the region's cluster endpoints. */
  readonly host: string;
  readonly name: string;
  /** The app's PostgreSQL role, which logs in with IAM tokens only. */
  readonly user: string;
  /** @default POSTGRES_PORT */
  readonly port?: number;
}

/** The environment the app reads its database settings from, in the order the contract lists them. */
export function appDatabaseEnvironment(connection: AppDatabaseConnection): Record<string, string> {
  return {
    DB_HOST: connection.host,
    DB_HOST_IS_CNAME: "true",
    DB_PORT: String(connection.port ?? POSTGRES_PORT),
    DB_NAME: connection.name,
    DB_USER: connection.user,
    DB_IAM_AUTH: "true",
    DB_SSLMODE: APP_DATABASE_SSL_MODE,
  };
}
