/** Aurora global database calls, reduced to what the runbook decides on. */
import {
  DescribeDBClustersCommand,
  DescribeGlobalClustersCommand,
  FailoverGlobalClusterCommand,
  type RDSClient,
  SwitchoverGlobalClusterCommand,
} from "@aws-sdk/client-rds";

export interface GlobalClusterMember {
  readonly clusterArn: string;
  readonly isWriter: boolean;
  /** `connected`, or `pending-resync` while a rejoined cluster catches up. */
  readonly synchronization?: string;
}

export interface GlobalClusterState {
  readonly status: string;
  /** The global writer endpoint, which Aurora points at the writer's cluster. */
  readonly endpoint?: string;
  readonly members: readonly GlobalClusterMember[];
  /** Set while a switchover or failover is under way. */
  readonly move?: { readonly status: string; readonly toClusterArn?: string; readonly dataLossAllowed: boolean };
}

export interface ClusterState {
  readonly arn: string;
  readonly status: string;
  readonly endpoint: string;
  readonly readerEndpoint: string;
}

export async function describeGlobalCluster(client: RDSClient, identifier: string): Promise<GlobalClusterState> {
  const { GlobalClusters = [] } = await client.send(
    new DescribeGlobalClustersCommand({ GlobalClusterIdentifier: identifier }),
  );
  const global = GlobalClusters[0];
  if (!global) {
    throw new Error(`global cluster ${identifier} not found`);
  }
  const move = global.FailoverState;
  return {
    status: global.Status ?? "unknown",
    endpoint: global.Endpoint,
    members: (global.GlobalClusterMembers ?? []).map((member) => ({
      clusterArn: member.DBClusterArn ?? "",
      isWriter: member.IsWriter === true,
      synchronization: member.SynchronizationStatus,
    })),
    move:
      move?.Status === undefined
        ? undefined
        : { status: move.Status, toClusterArn: move.ToDbClusterArn, dataLossAllowed: move.IsDataLossAllowed === true },
  };
}

export async function describeCluster(client: RDSClient, identifier: string): Promise<ClusterState> {
  const { DBClusters = [] } = await client.send(new DescribeDBClustersCommand({ DBClusterIdentifier: identifier }));
  const cluster = DBClusters[0];
  if (!cluster?.DBClusterArn || !cluster.Endpoint || !cluster.ReaderEndpoint) {
    throw new Error(`cluster ${identifier} not found, or without endpoints`);
  }
  return {
    arn: cluster.DBClusterArn,
    status: cluster.Status ?? "unknown",
    endpoint: cluster.Endpoint,
    readerEndpoint: cluster.ReaderEndpoint,
  };
}

/** A planned move: Aurora synchronizes the target first, so nothing is lost. */
export async function switchoverGlobalCluster(client: RDSClient, identifier: string, targetArn: string): Promise<void> {
  await client.send(
    new SwitchoverGlobalClusterCommand({ GlobalClusterIdentifier: identifier, TargetDbClusterIdentifier: targetArn }),
  );
}

/** The unplanned move: whatever had not replicated to the target is lost. */
export async function failoverGlobalCluster(client: RDSClient, identifier: string, targetArn: string): Promise<void> {
  await client.send(
    new FailoverGlobalClusterCommand({
      GlobalClusterIdentifier: identifier,
      TargetDbClusterIdentifier: targetArn,
      AllowDataLoss: true,
    }),
  );
}
