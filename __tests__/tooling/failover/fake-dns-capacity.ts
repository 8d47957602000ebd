/** The fake account's Route 53 (zones, records, changes, health checks) and its EKS and Auto Scaling capacity. */
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  UpdateAutoScalingGroupCommand,
} from "@aws-sdk/client-auto-scaling";
import { DescribeNodegroupCommand, EKSClient, UpdateNodegroupConfigCommand } from "@aws-sdk/client-eks";
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
import {
  awsError,
  type FakeGroup,
  type FakeService,
  type FakeState,
  HEALTH_CHECK,
  nodeGroupAsg,
  PRIVATE_ZONE,
  REGION,
  type Role,
  roleOf,
} from "./fake-account";

const dotted = (name: string | undefined) => name?.replace(/\.?$/, ".");

/**
 * UPSERTs a change batch as Route 53 does: all or nothing, and refused when it would leave two
 * PRIMARY records for one name and type (which is why the runbook swaps the pair's targets in one
 * batch). A change is PENDING until GetChange has been asked twice.
 */
function changeRecords(state: FakeState, zoneId: string, changes: readonly Change[], id: string): object {
  const next = [...(state.records[zoneId] ?? [])];
  for (const { Action, ResourceRecordSet: record } of changes) {
    if (Action !== "UPSERT" || !record) {
      throw awsError("InvalidChangeBatch", `unexpected ${Action}`);
    }
    const key = (r: ResourceRecordSet) => `${dotted(r.Name)}/${r.Type}/${r.SetIdentifier ?? ""}`;
    const stored = { ...record, Name: dotted(record.Name) };
    const index = next.findIndex((r) => key(r) === key(stored));
    index >= 0 ? next.splice(index, 1, stored) : next.push(stored);
  }
  const primaries = next.filter((r) => r.Failover === "PRIMARY").map((r) => `${r.Name}/${r.Type}`);
  if (new Set(primaries).size !== primaries.length) {
    throw awsError("InvalidChangeBatch", "RRSet with failover PRIMARY already exists for this name and type");
  }
  state.records[zoneId] = next;
  state.changes[id] = 2;
  return { ChangeInfo: { Id: `/change/${id}`, Status: "PENDING" } };
}

function route53(state: FakeState): FakeService {
  let changes = 0;
  const checked = (id: string): Role => (id === HEALTH_CHECK.primary ? "primary" : "dr");
  return {
    client: Route53Client,
    handlers: [
      [
        ListHostedZonesByNameCommand,
        () => ({
          HostedZones: [
            { Id: `/hostedzone/${PRIVATE_ZONE.primary}`, Name: "titan.internal.", Config: { PrivateZone: true } },
            { Id: `/hostedzone/${PRIVATE_ZONE.dr}`, Name: "titan.internal.", Config: { PrivateZone: true } },
          ],
        }),
      ],
      [
        GetHostedZoneCommand,
        (input: { Id: string }) => ({
          VPCs: [
            { VPCRegion: input.Id.includes(PRIVATE_ZONE.primary) ? REGION.primary : REGION.dr, VPCId: "vpc-0123" },
          ],
        }),
      ],
      [
        ListResourceRecordSetsCommand,
        (input: { HostedZoneId: string; StartRecordName: string }) => ({
          ResourceRecordSets: (state.records[input.HostedZoneId] ?? []).filter(
            (record) => record.Name === dotted(input.StartRecordName),
          ),
        }),
      ],
      [
        ChangeResourceRecordSetsCommand,
        (input: { HostedZoneId: string; ChangeBatch: { Changes: Change[] } }) =>
          changeRecords(state, input.HostedZoneId, input.ChangeBatch.Changes, `C${++changes}`),
      ],
      [
        GetChangeCommand,
        (input: { Id: string }) => {
          const left = (state.changes[input.Id] ?? 0) - 1;
          state.changes[input.Id] = left;
          return { ChangeInfo: { Id: `/change/${input.Id}`, Status: left <= 0 ? "INSYNC" : "PENDING" } };
        },
      ],
      [
        GetHealthCheckCommand,
        (input: { HealthCheckId: string }) => ({
          HealthCheck: {
            HealthCheckConfig: { FullyQualifiedDomainName: `${checked(input.HealthCheckId)}.origin.api.example.com` },
          },
        }),
      ],
      [
        GetHealthCheckStatusCommand,
        (input: { HealthCheckId: string }) => {
          const healthy = state.healthy[checked(input.HealthCheckId)];
          const status = healthy ? "Success: HTTP Status Code 200, OK" : "Failure: Connection timed out";
          return { HealthCheckObservations: Array.from({ length: 8 }, () => ({ StatusReport: { Status: status } })) };
        },
      ],
    ],
  };
}

/** `region`'s Auto Scaling group `name`; AWS answers for a name it does not know as not found. */
function groupIn(state: FakeState, region: string, name: string, what: string): FakeGroup {
  const found = state.groups[roleOf(region)][name];
  if (!found) {
    throw awsError("ResourceNotFoundException", `No ${what} found for name: ${name}`);
  }
  return found;
}

/** EKS is UPDATING for one Describe after an update and refuses another meanwhile; instances boot one per Describe. */
function capacity(state: FakeState): FakeService[] {
  const nodeGroup = (region: string, nodegroupName: string) =>
    groupIn(state, region, nodeGroupAsg(nodegroupName), "node group");
  return [
    {
      client: EKSClient,
      handlers: [
        [
          DescribeNodegroupCommand,
          (input: { nodegroupName: string }, region: string) => {
            const group = nodeGroup(region, input.nodegroupName);
            if (group.status === "UPDATING" && --group.updatePolls <= 0) {
              group.status = "ACTIVE";
            }
            return {
              nodegroup: {
                status: group.status,
                scalingConfig: { minSize: group.min, maxSize: group.max, desiredSize: group.desired },
                resources: { autoScalingGroups: [{ name: nodeGroupAsg(input.nodegroupName) }] },
              },
            };
          },
        ],
        [
          UpdateNodegroupConfigCommand,
          (
            input: { nodegroupName: string; scalingConfig: { minSize: number; maxSize: number; desiredSize: number } },
            region: string,
          ) => {
            const { minSize, maxSize, desiredSize } = input.scalingConfig;
            const group = nodeGroup(region, input.nodegroupName);
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
            Object.assign(group, {
              min: minSize,
              max: maxSize,
              desired: desiredSize,
              status: "UPDATING",
              updatePolls: 1,
            });
            return { update: { id: "update-1", status: "InProgress" } };
          },
        ],
      ],
    },
    {
      client: AutoScalingClient,
      handlers: [
        [
          DescribeAutoScalingGroupsCommand,
          (input: { AutoScalingGroupNames: string[] }, region: string) => {
            const group = groupIn(state, region, input.AutoScalingGroupNames[0], "Auto Scaling group");
            if (group.inService < group.desired && state.instancesBoot) {
              group.inService += 1;
            }
            const instances = Array.from({ length: group.inService }, (_, n) => ({
              InstanceId: `i-${n}`,
              LifecycleState: "InService",
              HealthStatus: "Healthy",
            }));
            return {
              AutoScalingGroups: [
                { MinSize: group.min, MaxSize: group.max, DesiredCapacity: group.desired, Instances: instances },
              ],
            };
          },
        ],
        [
          UpdateAutoScalingGroupCommand,
          (
            input: { AutoScalingGroupName: string; MinSize: number; MaxSize: number; DesiredCapacity: number },
            region: string,
          ) => {
            Object.assign(groupIn(state, region, input.AutoScalingGroupName, "Auto Scaling group"), {
              min: input.MinSize,
              max: input.MaxSize,
              desired: input.DesiredCapacity,
            });
            return {};
          },
        ],
      ],
    },
  ];
}

export function dnsAndCapacityServices(state: FakeState): FakeService[] {
  return [route53(state), ...capacity(state)];
}
