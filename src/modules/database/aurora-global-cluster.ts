import { RdsGlobalCluster } from "@cdktf/provider-aws/lib/rds-global-cluster";
import { Construct } from "constructs";

/** Keeps a major version past its end of standard support from billing RDS Extended Support. */
export const EXTENDED_SUPPORT_DISABLED = "open-source-rds-extended-support-disabled";

export interface AuroraGlobalClusterProps {
  /** Identifier the regional clusters join, from config so the DR stack knows it at synth time. */
  readonly identifier: string;
  /** aurora-postgresql version, pinned (e.g. `16.6`). Upgrades are made here, for every region at once. */
  readonly engineVersion: string;
  /** Database created with the global database; the primary cluster names the same one. */
  readonly databaseName: string;
  /** Refuse deletion through the API. @default true */
  readonly deletionProtection?: boolean;
}

/**
 * The Aurora PostgreSQL global database: one writer region and read-only secondaries replicated at
 * the storage layer (lag typically under a second).
 *
 * WHY: its `endpoint` is the global writer endpoint, which Aurora repoints to the new writer region
 * on a switchover or failover, so the app's generic DB name points there and needs no change in a
 * DR event. Storage is encrypted (every member must be), and Extended Support is off: when the
 * pinned major version leaves standard support, AWS upgrades it instead of charging for it. Build
 * it in the primary stack only; the DR cluster joins it by `identifier`.
 */
export class AuroraGlobalCluster extends Construct {
  readonly resource: RdsGlobalCluster;
  readonly identifier: string;
  /** Global writer endpoint (provider >= 5.77). */
  readonly endpoint: string;

  constructor(scope: Construct, id: string, props: AuroraGlobalClusterProps) {
    super(scope, id);
    if (!/^\d+\.\d+$/.test(props.engineVersion)) {
      throw new Error(
        `AuroraGlobalCluster: engineVersion must be a pinned aurora-postgresql major.minor version such as 16.6, got "${props.engineVersion}"`,
      );
    }

    this.resource = new RdsGlobalCluster(this, "Resource", {
      globalClusterIdentifier: props.identifier,
      engine: "aurora-postgresql",
      engineVersion: props.engineVersion,
      engineLifecycleSupport: EXTENDED_SUPPORT_DISABLED,
      databaseName: props.databaseName,
      storageEncrypted: true,
      deletionProtection: props.deletionProtection ?? true,
    });
    this.identifier = this.resource.id;
    this.endpoint = this.resource.endpoint;
  }
}
