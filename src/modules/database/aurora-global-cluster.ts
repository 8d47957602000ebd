import { RdsGlobalCluster } from "@cdktf/provider-aws/lib/rds-global-cluster";
import { Construct } from "constructs";
import { PropChecks } from "../../validation/prop-checks";
import { AURORA_ENGINE_VERSION, GLOBAL_CLUSTER_IDENTIFIER } from "./limits";

/** Keeps a major version past its end of standard support from billing RDS Extended Support. */
export const EXTENDED_SUPPORT_DISABLED = "open-source-rds-extended-support-disabled";

export interface AuroraGlobalClusterProps {
  /** Identifier the regional clusters join, from config so the DR stack knows it at synth time. */
  readonly identifier: string;
  /**
   * aurora-postgresql version, pinned (e.g. `16.11`): the version the global database is created
   * with. Later upgrades are made on the global cluster with the RDS API, for every region at once
   * (see {@link GLOBAL_CLUSTER_IGNORED_CHANGES}).
   */
  readonly engineVersion: string;
  /** Database created with the global database; the primary cluster names the same one. */
  readonly databaseName: string;
  /** Refuse deletion through the API. @default true */
  readonly deletionProtection?: boolean;
}

/**
 * What Terraform must not reconcile on the global cluster: its `engine_version`. AWS upgrades the
 * engine itself (a minor version it retires, a major leaving standard support with Extended Support
 * off), and the provider reads the new version back: a pinned version would then plan a downgrade,
 * which AWS refuses, on every plan of `primary`. The regional clusters ignore it for the same
 * reason (GLOBAL_MEMBER_IGNORED_CHANGES), so the version in config is the one each is created with.
 */
export const GLOBAL_CLUSTER_IGNORED_CHANGES = ["engine_version"];

/**
 * The Aurora PostgreSQL global database: one writer region and read-only secondaries replicated at
 * the storage layer (lag typically under a second).
 *
 * WHY: its `endpoint` is the global writer endpoint, which Aurora repoints to the new writer region
 * on a switchover or failover; operators read it (an output of `primary`), while each region's app
 * uses its own cluster's endpoints (see the regional stack's generic `db` name). Storage is
 * encrypted (every member must be), and Extended Support is off: when the pinned major version
 * leaves standard support, AWS upgrades it instead of charging for it, and the cluster keeps
 * planning cleanly afterwards ({@link GLOBAL_CLUSTER_IGNORED_CHANGES}). Build it in the primary
 * stack only; the DR cluster joins it by `identifier`.
 */
export class AuroraGlobalCluster extends Construct {
  readonly resource: RdsGlobalCluster;
  readonly identifier: string;
  /** Global writer endpoint (provider >= 5.77). */
  readonly endpoint: string;

  constructor(scope: Construct, id: string, props: AuroraGlobalClusterProps) {
    super(scope, id);
    new PropChecks(this)
      .matches("identifier", props.identifier, GLOBAL_CLUSTER_IDENTIFIER)
      .matches("engineVersion", props.engineVersion, AURORA_ENGINE_VERSION)
      .throwIfAny();

    this.resource = new RdsGlobalCluster(this, "Resource", {
      globalClusterIdentifier: props.identifier,
      engine: "aurora-postgresql",
      engineVersion: props.engineVersion,
      engineLifecycleSupport: EXTENDED_SUPPORT_DISABLED,
      databaseName: props.databaseName,
      storageEncrypted: true,
      deletionProtection: props.deletionProtection ?? true,
      lifecycle: { ignoreChanges: GLOBAL_CLUSTER_IGNORED_CHANGES },
    });
    this.identifier = this.resource.id;
    this.endpoint = this.resource.endpoint;
  }
}
