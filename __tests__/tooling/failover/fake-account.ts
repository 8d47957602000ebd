/**
 * The fake account's state and the two situations the runbook starts from: the default config's
 * steady state (primary holds the writer) and the state after a failover to DR, once us-east-2 has
 * rejoined. Names follow what titan's stacks synthesize; ids and endpoints are what AWS would make.
 */
import type { ResourceRecordSet } from "@aws-sdk/client-route-53";

export const ACCOUNT = "111122223333";
export const REGION = { primary: "us-east-2", dr: "us-west-1" } as const;
export type Role = keyof typeof REGION;

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
/** Each region's zones, as the default config lists them: one general node group each. */
export const ZONES = { primary: ["use2-az1", "use2-az2", "use2-az3"], dr: ["usw1-az1", "usw1-az3"] } as const;

/** A zone's general node group, as the stacks name it. */
export function nodeGroupName(role: Role, zone: string): string {
  return `titan-${role}-eks-general-${zone}`;
}

/** The Auto Scaling group EKS keeps behind a node group. */
export function nodeGroupAsg(nodegroupName: string): string {
  return `eks-${nodegroupName}-1`;
}

/** An Auto Scaling group of the account (a node group's or the web tier's): its sizes, EKS's status, its instances. */
export interface FakeGroup {
  status: string;
  min: number;
  max: number;
  desired: number;
  updatePolls: number;
  /** Instances in service and healthy. */
  inService: number;
}

/** A group at rest with `inService` instances (its desired size unless given). */
export function group(min: number, max: number, desired: number, inService = desired): FakeGroup {
  return { status: "ACTIVE", min, max, desired, updatePolls: 0, inService };
}

/** The groups behind `role`'s zones' node groups, in zone order, by Auto Scaling group name. */
function zoneGroups(role: Role, groups: readonly FakeGroup[]): Record<string, FakeGroup> {
  return Object.fromEntries(ZONES[role].map((zone, n) => [nodeGroupAsg(nodeGroupName(role, zone)), groups[n]]));
}

/** `role`'s group behind `zone`'s node group. */
export function zoneGroup(state: FakeState, role: Role, zone: string): FakeGroup {
  return state.groups[role][nodeGroupAsg(nodeGroupName(role, zone))];
}

export interface FakeState {
  writer: Role;
  members: Role[];
  synchronization: Record<Role, string>;
  /** A switchover or failover under way, finishing when `polls` reaches 0. */
  move?: { to: Role; status: string; polls: number; dataLoss: boolean };
  /** Each region's Auto Scaling groups by name: one per zone's node group, or the EC2 web tier's. */
  groups: Record<Role, Record<string, FakeGroup>>;
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
    // The active size (min 2, max 6) and the standby one (min 1, max 6) split over the zones.
    groups: {
      primary: zoneGroups("primary", [group(1, 2, 1), group(1, 2, 1), group(0, 2, 1)]),
      dr: zoneGroups("dr", [group(1, 3, 1), group(0, 3, 0)]),
    },
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
  state.groups = {
    primary: zoneGroups("primary", [group(1, 2, 1), group(0, 2, 0), group(0, 2, 0)]),
    dr: zoneGroups("dr", [group(1, 3, 2), group(1, 3, 1)]),
  };
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

/** An error as the SDK raises a service's: its `name` is the error code. */
export function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

/** Which titan region a signing region is. */
export function roleOf(region: string): Role {
  return region === REGION.primary ? "primary" : "dr";
}

/** How one service of the fake answers: its SDK client class and a handler per command. */
export interface FakeService {
  // biome-ignore lint/suspicious/noExplicitAny: mockClient takes any SDK v3 client class.
  readonly client: any;
  readonly handlers: readonly (readonly [{ readonly name: string }, (input: never, region: string) => object])[];
}
