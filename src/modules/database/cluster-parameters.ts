import { RdsClusterParameterGroup } from "@cdktf/provider-aws/lib/rds-cluster-parameter-group";
import { Construct } from "constructs";

export interface ClusterParametersProps {
  readonly name: string;
  /** The cluster's engine version, e.g. "16.6": the parameter group family follows its major. */
  readonly engineVersion: string;
}

/**
 * The cluster parameter group of one regional Aurora PostgreSQL cluster.
 *
 * Why not the default group: its `rds.force_ssl` is 0, so the server accepts plaintext logins,
 * and a client's `sslmode` is only the client's choice. Each region has its own group because
 * parameter groups are regional; both clusters of the global database get the same settings.
 */
export class ClusterParameters extends Construct {
  readonly parameterGroup: RdsClusterParameterGroup;

  constructor(scope: Construct, id: string, props: ClusterParametersProps) {
    super(scope, id);
    const major = props.engineVersion.split(".")[0];
    this.parameterGroup = new RdsClusterParameterGroup(this, "Resource", {
      name: props.name,
      family: `aurora-postgresql${major}`,
      description: "titan: TLS required for every connection",
      parameter: [{ name: "rds.force_ssl", value: "1", applyMethod: "immediate" }],
    });
  }

  get name(): string {
    return this.parameterGroup.name;
  }
}
