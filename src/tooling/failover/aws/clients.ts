/**
 * The AWS SDK v3 clients the runbook uses, one per service and region, made on first use. Every
 * region a client is made for is recorded, so a failover can prove it never called the region it
 * fails away from.
 */
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { EKSClient } from "@aws-sdk/client-eks";
import { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { RDSClient, type RDSClientConfig } from "@aws-sdk/client-rds";
import { Route53Client } from "@aws-sdk/client-route-53";

/** Static credentials or a provider of them, as every SDK v3 client accepts. */
export type Credentials = RDSClientConfig["credentials"];

/** Route 53's API is global; the SDK signs it for us-east-1. */
export const ROUTE53_SIGNING_REGION = "us-east-1";

export interface AwsClientOptions {
  /** Credentials for every client. @default - the SDK's default chain (environment, profile, SSO, role) */
  readonly credentials?: Credentials;
}

type Client = RDSClient | EKSClient | AutoScalingClient | Route53Client | CloudWatchClient | ElastiCacheClient;

export class AwsClients {
  private readonly made = new Map<string, Client>();
  private readonly regions = new Set<string>();

  constructor(private readonly options: AwsClientOptions = {}) {}

  /** Every region a client was made for, in the order of first use. */
  get regionsUsed(): readonly string[] {
    return [...this.regions];
  }

  rds(region: string): RDSClient {
    return this.client("rds", region, (config) => new RDSClient(config));
  }

  eks(region: string): EKSClient {
    return this.client("eks", region, (config) => new EKSClient(config));
  }

  autoScaling(region: string): AutoScalingClient {
    return this.client("autoscaling", region, (config) => new AutoScalingClient(config));
  }

  cloudWatch(region: string): CloudWatchClient {
    return this.client("cloudwatch", region, (config) => new CloudWatchClient(config));
  }

  elastiCache(region: string): ElastiCacheClient {
    return this.client("elasticache", region, (config) => new ElastiCacheClient(config));
  }

  route53(): Route53Client {
    return this.client("route53", ROUTE53_SIGNING_REGION, (config) => new Route53Client(config));
  }

  /** Whether the credentials resolve, without calling any service. */
  async hasCredentials(): Promise<boolean> {
    try {
      const identity = await this.route53().config.credentials();
      return Boolean(identity?.accessKeyId);
    } catch {
      return false;
    }
  }

  private client<T extends Client>(service: string, region: string, make: (config: ClientConfig) => T): T {
    const key = `${service}:${region}`;
    let client = this.made.get(key) as T | undefined;
    if (client === undefined) {
      this.regions.add(region);
      client = make({
        region,
        credentials: this.options.credentials,
        // A call into a region that is down must fail in seconds, not hang the runbook.
        maxAttempts: 3,
        requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
      });
      this.made.set(key, client);
    }
    return client;
  }
}

interface ClientConfig {
  readonly region: string;
  readonly credentials?: Credentials;
  readonly maxAttempts: number;
  readonly requestHandler: { readonly connectionTimeout: number; readonly requestTimeout: number };
}
