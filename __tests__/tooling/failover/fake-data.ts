/** The fake account's data services: Aurora's global cluster, its lag in CloudWatch, Redis's Global Datastore. */
import { CloudWatchClient, GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import {
  DescribeGlobalReplicationGroupsCommand,
  ElastiCacheClient,
  FailoverGlobalReplicationGroupCommand,
} from "@aws-sdk/client-elasticache";
import {
  DescribeDBClustersCommand,
  DescribeGlobalClustersCommand,
  FailoverGlobalClusterCommand,
  RDSClient,
  SwitchoverGlobalClusterCommand,
} from "@aws-sdk/client-rds";
import {
  awsError,
  CLUSTER_ARN,
  ENDPOINT,
  type FakeService,
  type FakeState,
  GLOBAL_ENDPOINT,
  READER_ENDPOINT,
  REGION,
  type Role,
  roleOf,
} from "./fake-account";

/** A switchover or failover finishes after three DescribeGlobalClusters calls. */
function describeGlobalCluster(state: FakeState): object {
  if (state.move && --state.move.polls <= 0) {
    state.writer = state.move.to;
    state.cnames[GLOBAL_ENDPOINT] = [ENDPOINT[state.move.to]];
    state.move = undefined;
  }
  return {
    GlobalClusters: [
      {
        GlobalClusterIdentifier: "titan-aurora-global",
        Status: state.move ? "failing-over" : "available",
        Endpoint: GLOBAL_ENDPOINT,
        GlobalClusterMembers: state.members.map((role) => ({
          DBClusterArn: CLUSTER_ARN[role],
          IsWriter: role === state.writer,
          SynchronizationStatus: role === state.writer ? undefined : state.synchronization[role],
        })),
        FailoverState: state.move
          ? {
              Status: state.move.status,
              ToDbClusterArn: CLUSTER_ARN[state.move.to],
              IsDataLossAllowed: state.move.dataLoss,
            }
          : undefined,
      },
    ],
  };
}

/** Aurora refuses a move to a non-member, to the writer, or while another move is under way. */
function startMove(state: FakeState, target: string, dataLoss: boolean): object {
  const to = (Object.keys(CLUSTER_ARN) as Role[]).find((role) => CLUSTER_ARN[role] === target);
  if (!to || !state.members.includes(to) || to === state.writer || state.move) {
    throw awsError("InvalidGlobalClusterStateFault", `cannot move the writer to ${target}`);
  }
  state.move = { to, status: dataLoss ? "failing-over" : "switching-over", polls: 3, dataLoss };
  return {};
}

export function dataServices(state: FakeState): FakeService[] {
  return [
    {
      client: RDSClient,
      handlers: [
        [DescribeGlobalClustersCommand, () => describeGlobalCluster(state)],
        [
          DescribeDBClustersCommand,
          (input: { DBClusterIdentifier: string }, region: string) => {
            const role = roleOf(region);
            if (input.DBClusterIdentifier !== `titan-${role}-aurora`) {
              throw awsError("DBClusterNotFoundFault", `DBCluster ${input.DBClusterIdentifier} not found in ${region}`);
            }
            return {
              DBClusters: [
                {
                  DBClusterArn: CLUSTER_ARN[role],
                  Status: "available",
                  Endpoint: ENDPOINT[role],
                  ReaderEndpoint: READER_ENDPOINT[role],
                },
              ],
            };
          },
        ],
        [
          SwitchoverGlobalClusterCommand,
          (input: { TargetDbClusterIdentifier: string }) => startMove(state, input.TargetDbClusterIdentifier, false),
        ],
        [
          FailoverGlobalClusterCommand,
          (input: { TargetDbClusterIdentifier: string; AllowDataLoss?: boolean }) =>
            startMove(state, input.TargetDbClusterIdentifier, input.AllowDataLoss === true),
        ],
      ],
    },
    {
      client: CloudWatchClient,
      handlers: [
        [
          GetMetricStatisticsCommand,
          (input: { Dimensions: { Value: string }[] }) => {
            const role: Role = input.Dimensions[0].Value === "titan-primary-aurora" ? "primary" : "dr";
            const lag = state.lagMs[role];
            return { Datapoints: lag === undefined ? [] : [{ Maximum: lag }] };
          },
        ],
      ],
    },
    {
      client: ElastiCacheClient,
      handlers: [
        [
          DescribeGlobalReplicationGroupsCommand,
          () => {
            const store = state.datastore;
            if (store.status === "modifying" && --store.polls <= 0) {
              store.status = "available";
            }
            return {
              GlobalReplicationGroups: [
                {
                  GlobalReplicationGroupId: store.id,
                  Status: store.status,
                  Members: (["primary", "dr"] as const).map((role) => ({
                    ReplicationGroupId: `titan-${role}-redis`,
                    ReplicationGroupRegion: REGION[role],
                    Role: role === store.primary ? "PRIMARY" : "SECONDARY",
                  })),
                },
              ],
            };
          },
        ],
        [
          FailoverGlobalReplicationGroupCommand,
          (input: { PrimaryRegion: string; PrimaryReplicationGroupId: string }) => {
            const role = roleOf(input.PrimaryRegion);
            if (input.PrimaryReplicationGroupId !== `titan-${role}-redis`) {
              throw awsError(
                "InvalidParameterValue",
                `${input.PrimaryReplicationGroupId} is not in ${input.PrimaryRegion}`,
              );
            }
            Object.assign(state.datastore, { primary: role, status: "modifying", polls: 2 });
            return {};
          },
        ],
      ],
    },
  ];
}
