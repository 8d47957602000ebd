/**
 * A small AWS account for the runbook's specs, behind aws-sdk-client-mock: the SDK clients the
 * runbook makes are intercepted, and each call reads or changes this state the way the service
 * would (a switchover finishes after a few polls, a node group is UPDATING once, a Route 53 change
 * is PENDING once, two PRIMARY records for one name are refused). Every call is logged in order
 * with the region it was signed for; a region marked down refuses every call.
 */
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  UpdateAutoScalingGroupCommand,
} from "@aws-sdk/client-auto-scaling";
import { CloudWatchClient, GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeNodegroupCommand, EKSClient, UpdateNodegroupConfigCommand } from "@aws-sdk/client-eks";
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
  type Change,
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  GetHealthCheckCommand,
  GetHealthCheckStatusCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  type ResourceRecordSet,
  Route53Client,
} from "@aws-sdk/client-route-53";
import { mockClient } from "aws-sdk-client-mock";

/** What the fake needs of aws-sdk-client-mock's stubs, whose types are per client. */
interface Stub {
  on(command: unknown): { callsFake(fake: (input: never, getClient: () => never) => unknown): unknown };
  restore(): void;
}

export const ACCOUNT = "111122223333";
export const REGION = { primary: "us-east-2", dr: "us-west-1" } as const;
type Role = keyof typeof REGION;

const arn = (role: Role) => `arn:aws:rds:${REGION[role]}:${ACCOUNT}:cluster:titan-${role}-aurora`;
const endpoint = (role: Role, reader = false) =>
  `titan-${role}-aurora.cluster-${reader ? "ro-" : ""}c0ffee${role}.${REGION[role]}.rds.amazonaws.com`;

export const CLUSTER_ARN = { primary: arn("primary"), dr: arn("dr") };
export const ENDPOINT = { primary: endpoint("primary"), dr: endpoint("dr") };
export const READER_ENDPOINT = { primary: endpoint("primary", true), dr: endpoint("dr", true) };
export const GLOBAL_ENDPOINT = "titan-aurora-global.global-c0ffee.global.rds.amazonaws.com";
export const PUBLIC_ZONE = "Z0123456789EXAMPLE0";
export const PRIVATE_ZONE = { primary: "Z0PRIVATEPRIMARY00001", dr: "Z0PRIVATEDR000000001" };
export const HEALTH_CHECK = { primary: "hc-primary-0001", dr: "hc-dr-0001" };
export const NODE_GROUP_ASG = { primary: "eks-titan-primary-eks-general-1", dr: "eks-titan-dr-eks-general-1" };

export interface FakeState {
  writer: Role;
  members: Role[];
  synchronization: Record<Role, string>;
  /** A switchover or failover under way, finishing when `polls` reaches 0. */
  move?: { to: Role; status: string; polls: number; dataLoss: boolean };
  nodeGroups: Record<Role, { status: string; min: number; max: number; desired: number; updatePolls: number }>;
  inService: Record<Role, number>;
  /** Whether new instances come into service (one per DescribeAutoScalingGroups call). */
  instancesBoot: boolean;
  records: Record<string, ResourceRecordSet[]>;
  changes: Record<string, number>;
  healthy: Record<Role, boolean>;
  lagMs: Record<Role, number | undefined>;
  cnames: Record<string, string[]>;
  down: Set<string>;
  /** Calls to fail once, by command name, with this error. */
  failOnce: Map<string, Error>;
  /** The Redis Global Datastore, when the config has one: which member is primary. */
  datastore: { id: string; primary: Role; status: string; polls: number };
}

function cname(name: string, value: string): ResourceRecordSet {
  return { Name: `${name}.`, Type: "CNAME", TTL: 30, ResourceRecords: [{ Value: value }] };
}

function failoverRecord(setIdentifier: Role, type: "PRIMARY" | "SECONDARY", target: Role): ResourceRecordSet {
  return {
    Name: "origin.api.example.com.",
    Type: "A",
    SetIdentifier: setIdentifier,
    Failover: type,
    HealthCheckId: HEALTH_CHECK[target],
    AliasTarget: {
      HostedZoneId: PUBLIC_ZONE,
      DNSName: `${target}.origin.api.example.com.`,
      EvaluateTargetHealth: true,
    },
  };
}

/** The account as titan's default config leaves it: primary holds the writer, DR waits at standby size. */
export function normalAccount(): FakeState {
  return {
    writer: "primary",
    members: ["primary", "dr"],
    synchronization: { primary: "connected", dr: "connected" },
    nodeGroups: {
      primary: { status: "ACTIVE", min: 2, max: 6, desired: 3, updatePolls: 0 },
      dr: { status: "ACTIVE", min: 1, max: 6, desired: 1, updatePolls: 0 },
    },
    inService: { primary: 3, dr: 1 },
    instancesBoot: true,
    records: {
      [PRIVATE_ZONE.primary]: [cname("db.titan.internal", ENDPOINT.primary)],
      [PRIVATE_ZONE.dr]: [cname("db.titan.internal", READER_ENDPOINT.dr)],
      [PUBLIC_ZONE]: [failoverRecord("primary", "PRIMARY", "primary"), failoverRecord("dr", "SECONDARY", "dr")],
    },
    changes: {},
    healthy: { primary: true, dr: true },
    lagMs: { primary: undefined, dr: 250 },
    cnames: { [GLOBAL_ENDPOINT]: [ENDPOINT.primary] },
    down: new Set(),
    failOnce: new Map(),
    datastore: { id: "ldgnf-titan-global-redis", primary: "primary", status: "available", polls: 0 },
  };
}

/** After a completed failover to DR, once us-east-2 has come back and rejoined as a secondary. */
export function failedOverAccount(): FakeState {
  const state = normalAccount();
  state.writer = "dr";
  state.nodeGroups = {
    primary: { status: "ACTIVE", min: 1, max: 6, desired: 1, updatePolls: 0 },
    dr: { status: "ACTIVE", min: 2, max: 6, desired: 3, updatePolls: 0 },
  };
  state.inService = { primary: 1, dr: 3 };
  state.records[PRIVATE_ZONE.primary] = [cname("db.titan.internal", READER_ENDPOINT.primary)];
  state.records[PRIVATE_ZONE.dr] = [cname("db.titan.internal", ENDPOINT.dr)];
  state.records[PUBLIC_ZONE] = [
    failoverRecord("primary", "PRIMARY", "dr"),
    failoverRecord("dr", "SECONDARY", "primary"),
  ];
  state.lagMs = { primary: 300, dr: undefined };
  state.cnames = { [GLOBAL_ENDPOINT]: [ENDPOINT.dr] };
  return state;
}

const MUTATING = new Set([
  "SwitchoverGlobalClusterCommand",
  "FailoverGlobalClusterCommand",
  "UpdateNodegroupConfigCommand",
  "UpdateAutoScalingGroupCommand",
  "ChangeResourceRecordSetsCommand",
  "FailoverGlobalReplicationGroupCommand",
]);

export interface LoggedCall {
  readonly command: string;
  readonly region: string;
  readonly input: Record<string, unknown>;
}

function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

function roleOf(region: string): Role {
  return region === REGION.primary ? "primary" : "dr";
}

export class FakeAws {
  readonly calls: LoggedCall[] = [];
  private readonly stubs: Stub[] = [];
  private changeCount = 0;

  constructor(readonly state: FakeState) {
    const rds = mockClient(RDSClient) as unknown as Stub;
    const eks = mockClient(EKSClient) as unknown as Stub;
    const autoScaling = mockClient(AutoScalingClient) as unknown as Stub;
    const route53 = mockClient(Route53Client) as unknown as Stub;
    const cloudWatch = mockClient(CloudWatchClient) as unknown as Stub;
    const elastiCache = mockClient(ElastiCacheClient) as unknown as Stub;
    this.stubs.push(rds, eks, autoScaling, route53, cloudWatch, elastiCache);
    type Client = { config: { region: () => Promise<string> } };
    const on = <I>(stub: Stub, command: { name: string }, handle: (input: I, region: string) => object) => {
      stub.on(command).callsFake((async (input: I, getClient: () => Client) => {
        const region = await getClient().config.region();
        this.calls.push({ command: command.name, region, input: input as Record<string, unknown> });
        if (this.state.down.has(region)) {
          throw awsError("TimeoutError", `connect ETIMEDOUT: ${region} is down`);
        }
        const failure = this.state.failOnce.get(command.name);
        if (failure) {
          this.state.failOnce.delete(command.name);
          throw failure;
        }
        return handle(input, region);
      }) as never);
    };
    on(rds, DescribeGlobalClustersCommand, () => this.describeGlobalCluster());
    on(rds, DescribeDBClustersCommand, (input: { DBClusterIdentifier: string }, region) => {
      const role = roleOf(region);
      if (input.DBClusterIdentifier !== `titan-${role}-aurora`) {
        throw awsError("DBClusterNotFoundFault", `DBCluster ${input.DBClusterIdentifier} not found in ${region}`);
      }
      return {
        DBClusters: [
          {
            DBClusterArn: arn(role),
            Status: "available",
            Endpoint: ENDPOINT[role],
            ReaderEndpoint: READER_ENDPOINT[role],
          },
        ],
      };
    });
    on(rds, SwitchoverGlobalClusterCommand, (input: { TargetDbClusterIdentifier: string }) =>
      this.startMove(input.TargetDbClusterIdentifier, false),
    );
    on(rds, FailoverGlobalClusterCommand, (input: { TargetDbClusterIdentifier: string; AllowDataLoss?: boolean }) =>
      this.startMove(input.TargetDbClusterIdentifier, input.AllowDataLoss === true),
    );
    on(eks, DescribeNodegroupCommand, (_input, region) => {
      const group = this.state.nodeGroups[roleOf(region)];
      if (group.status === "UPDATING" && --group.updatePolls <= 0) {
        group.status = "ACTIVE";
      }
      return {
        nodegroup: {
          status: group.status,
          scalingConfig: { minSize: group.min, maxSize: group.max, desiredSize: group.desired },
          resources: { autoScalingGroups: [{ name: NODE_GROUP_ASG[roleOf(region)] }] },
        },
      };
    });
    on(
      eks,
      UpdateNodegroupConfigCommand,
      (input: { scalingConfig: { minSize: number; maxSize: number; desiredSize: number } }, region) => {
        const { minSize, maxSize, desiredSize } = input.scalingConfig;
        const group = this.state.nodeGroups[roleOf(region)];
        if (group.status !== "ACTIVE") {
          throw awsError(
            "ResourceInUseException",
            "Nodegroup cannot be updated as it is currently not in Active State",
          );
        }
        if (minSize > desiredSize) {
          throw awsError(
            "InvalidParameterException",
            `Minimum capacity ${minSize} can't be greater than desired size ${desiredSize}`,
          );
        }
        Object.assign(group, { min: minSize, max: maxSize, desired: desiredSize, status: "UPDATING", updatePolls: 1 });
        return { update: { id: "update-1", status: "InProgress" } };
      },
    );
    on(autoScaling, DescribeAutoScalingGroupsCommand, (_input, region) => {
      const role = roleOf(region);
      const group = this.state.nodeGroups[role];
      if (this.state.inService[role] < group.desired && this.state.instancesBoot) {
        this.state.inService[role] += 1;
      }
      const instances = Array.from({ length: this.state.inService[role] }, (_, n) => ({
        InstanceId: `i-${n}`,
        LifecycleState: "InService",
        HealthStatus: "Healthy",
      }));
      return {
        AutoScalingGroups: [
          { MinSize: group.min, MaxSize: group.max, DesiredCapacity: group.desired, Instances: instances },
        ],
      };
    });
    on(
      autoScaling,
      UpdateAutoScalingGroupCommand,
      (input: { MinSize: number; MaxSize: number; DesiredCapacity: number }, region) => {
        Object.assign(this.state.nodeGroups[roleOf(region)], {
          min: input.MinSize,
          max: input.MaxSize,
          desired: input.DesiredCapacity,
        });
        return {};
      },
    );
    on(elastiCache, DescribeGlobalReplicationGroupsCommand, () => {
      const store = this.state.datastore;
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
    });
    on(
      elastiCache,
      FailoverGlobalReplicationGroupCommand,
      (input: { PrimaryRegion: string; PrimaryReplicationGroupId: string }) => {
        const role = roleOf(input.PrimaryRegion);
        if (input.PrimaryReplicationGroupId !== `titan-${role}-redis`) {
          throw awsError(
            "InvalidParameterValue",
            `${input.PrimaryReplicationGroupId} is not in ${input.PrimaryRegion}`,
          );
        }
        Object.assign(this.state.datastore, { primary: role, status: "modifying", polls: 2 });
        return {};
      },
    );
    on(route53, ListHostedZonesByNameCommand, () => ({
      HostedZones: [
        { Id: `/hostedzone/${PRIVATE_ZONE.primary}`, Name: "titan.internal.", Config: { PrivateZone: true } },
        { Id: `/hostedzone/${PRIVATE_ZONE.dr}`, Name: "titan.internal.", Config: { PrivateZone: true } },
      ],
    }));
    on(route53, GetHostedZoneCommand, (input: { Id: string }) => ({
      VPCs: [{ VPCRegion: input.Id.includes(PRIVATE_ZONE.primary) ? REGION.primary : REGION.dr, VPCId: "vpc-0123" }],
    }));
    on(route53, ListResourceRecordSetsCommand, (input: { HostedZoneId: string; StartRecordName: string }) => ({
      ResourceRecordSets: (this.state.records[input.HostedZoneId] ?? []).filter(
        (record) => record.Name === `${input.StartRecordName}.`,
      ),
    }));
    on(
      route53,
      ChangeResourceRecordSetsCommand,
      (input: { HostedZoneId: string; ChangeBatch: { Changes: Change[] } }) =>
        this.change(input.HostedZoneId, input.ChangeBatch.Changes),
    );
    on(route53, GetChangeCommand, (input: { Id: string }) => {
      const left = (this.state.changes[input.Id] ?? 0) - 1;
      this.state.changes[input.Id] = left;
      return { ChangeInfo: { Id: `/change/${input.Id}`, Status: left <= 0 ? "INSYNC" : "PENDING" } };
    });
    on(route53, GetHealthCheckCommand, (input: { HealthCheckId: string }) => {
      const role: Role = input.HealthCheckId === HEALTH_CHECK.primary ? "primary" : "dr";
      return { HealthCheck: { HealthCheckConfig: { FullyQualifiedDomainName: `${role}.origin.api.example.com` } } };
    });
    on(route53, GetHealthCheckStatusCommand, (input: { HealthCheckId: string }) => {
      const role: Role = input.HealthCheckId === HEALTH_CHECK.primary ? "primary" : "dr";
      const status = this.state.healthy[role] ? "Success: HTTP Status Code 200, OK" : "Failure: Connection timed out";
      return { HealthCheckObservations: Array.from({ length: 8 }, () => ({ StatusReport: { Status: status } })) };
    });
    on(cloudWatch, GetMetricStatisticsCommand, (input: { Dimensions: { Value: string }[] }) => {
      const role: Role = input.Dimensions[0].Value === "titan-primary-aurora" ? "primary" : "dr";
      const lag = this.state.lagMs[role];
      return { Datapoints: lag === undefined ? [] : [{ Maximum: lag }] };
    });
  }

  /** The changes made, in order: `Command@region`. */
  mutations(): string[] {
    return this.calls
      .filter((c) => MUTATING.has(c.command))
      .map((c) => `${c.command.replace(/Command$/, "")}@${c.region}`);
  }

  restore(): void {
    for (const stub of this.stubs) {
      stub.restore();
    }
  }

  private describeGlobalCluster(): object {
    const { state } = this;
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
            DBClusterArn: arn(role),
            IsWriter: role === state.writer,
            SynchronizationStatus: role === state.writer ? undefined : state.synchronization[role],
          })),
          FailoverState: state.move
            ? { Status: state.move.status, ToDbClusterArn: arn(state.move.to), IsDataLossAllowed: state.move.dataLoss }
            : undefined,
        },
      ],
    };
  }

  private startMove(target: string, dataLoss: boolean): object {
    const to = (Object.keys(CLUSTER_ARN) as Role[]).find((role) => CLUSTER_ARN[role] === target);
    if (!to || !this.state.members.includes(to) || to === this.state.writer || this.state.move) {
      throw awsError("InvalidGlobalClusterStateFault", `cannot move the writer to ${target}`);
    }
    this.state.move = { to, status: dataLoss ? "failing-over" : "switching-over", polls: 3, dataLoss };
    return {};
  }

  private change(zoneId: string, changes: readonly Change[]): object {
    const next = [...(this.state.records[zoneId] ?? [])];
    for (const { Action, ResourceRecordSet: record } of changes) {
      if (Action !== "UPSERT" || !record) {
        throw awsError("InvalidChangeBatch", `unexpected ${Action}`);
      }
      const key = (r: ResourceRecordSet) => `${r.Name?.replace(/\.?$/, ".")}/${r.Type}/${r.SetIdentifier ?? ""}`;
      const stored = { ...record, Name: record.Name?.replace(/\.?$/, ".") };
      const index = next.findIndex((r) => key(r) === key(stored));
      index >= 0 ? next.splice(index, 1, stored) : next.push(stored);
    }
    const primaries = next.filter((r) => r.Failover === "PRIMARY").map((r) => `${r.Name}/${r.Type}`);
    if (new Set(primaries).size !== primaries.length) {
      throw awsError("InvalidChangeBatch", "RRSet with failover PRIMARY already exists for this name and type");
    }
    this.state.records[zoneId] = next;
    const id = `C${++this.changeCount}`;
    this.state.changes[id] = 2;
    return { ChangeInfo: { Id: `/change/${id}`, Status: "PENDING" } };
  }
}
