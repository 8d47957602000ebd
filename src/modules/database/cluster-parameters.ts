import { RdsClusterParameterGroup } from "@cdktf/provider-aws/lib/rds-cluster-parameter-group";
import { Construct } from "constructs";
import { PropChecks } from "../../validation/prop-checks";
import { GLOBAL_DB_RPO_SECONDS } from "./limits";

export interface ClusterParametersProps {
  readonly name: string;
  /** The cluster's engine version, e.g. "16.6": the parameter group family follows its major. */
  readonly engineVersion: string;
  /**
   * Upper bound on the global database's RPO, `rds.global_db_rpo`: commits on the writer pause
   * while every secondary lags more than this. Set it on every member's group, so the bound holds
   * whichever region holds the writer.
   * @default - no bound: commits never wait for a secondary
   */
  readonly globalRpoSeconds?: number;
}

/**
 * The cluster parameter group of one regional Aurora PostgreSQL cluster.
 *
 * Why not the default group: its `rds.force_ssl` is 0, so the server accepts plaintext logins,
 * and a client's `sslmode` is only the client's choice. Each region has its own group because
 * parameter groups are regional; both clusters of the global database get the same settings, since
 * a switchover or failover leaves each cluster with its own group (AWS does not carry the old
 * writer's settings over).
 */
export class ClusterParameters extends Construct {
  readonly parameterGroup: RdsClusterParameterGroup;

  constructor(scope: Construct, id: string, props: ClusterParametersProps) {
    super(scope, id);
    const rpo = props.globalRpoSeconds;
    if (rpo !== undefined) {
      new PropChecks(this).wholeNumber("globalRpoSeconds", rpo, GLOBAL_DB_RPO_SECONDS).throwIfAny();
    }
    const major = props.engineVersion.split(".")[0];
    const parameter = [{ name: "rds.force_ssl", value: "1", applyMethod: "immediate" }];
    if (rpo !== undefined) {
      parameter.push({ name: "rds.global_db_rpo", value: String(rpo), applyMethod: "immediate" });
    }
    this.parameterGroup = new RdsClusterParameterGroup(this, "Resource", {
      name: props.name,
      family: `aurora-postgresql${major}`,
      description: "titan: TLS required for every connection",
      parameter,
    });
  }

  get name(): string {
    return this.parameterGroup.name;
  }
}
