/**
 * Auto Scaling (query protocol): `DescribeAutoScalingGroups`, which the node groups' live-size
 * lookup calls at plan time (by tag filters, then by name). Which groups exist is the inventory's
 * to say: none for a fresh account, as `plan:offline` assumes; a plan-level test describes the
 * group a failover finds (EKS's node group at its standby size) to see the request plan would send.
 */
import {
  queryList,
  type ServiceStub,
  STUB_ACCOUNT_ID,
  type StubAutoScalingGroup,
  stringInput,
  xml,
  xmlFields,
} from "./protocol";

/** The values of a query-protocol member list (`Names.member.1`, `Names.member.2`, ...). */
function members(input: Readonly<Record<string, unknown>>, name: string): string[] {
  return queryList(input, `${name}.member`);
}

/** `Filters.member.N.Name` / `.Values.member.M`, by filter name. */
function filters(input: Readonly<Record<string, unknown>>): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (let n = 1; stringInput(input, `Filters.member.${n}.Name`) !== undefined; n++) {
    byName.set(stringInput(input, `Filters.member.${n}.Name`) as string, members(input, `Filters.member.${n}.Values`));
  }
  return byName;
}

/** Whether a group passes every filter AWS would apply: `tag:<key>` values, `tag-key`, `tag-value`. */
function matches(group: StubAutoScalingGroup, byName: Map<string, string[]>): boolean {
  return [...byName].every(([name, values]) => {
    const tags = Object.entries(group.tags);
    if (name.startsWith("tag:")) {
      const value = group.tags[name.slice(4)];
      return value !== undefined && values.includes(value);
    }
    if (name === "tag-key") {
      return tags.some(([key]) => values.includes(key));
    }
    if (name === "tag-value") {
      return tags.some(([, value]) => values.includes(value));
    }
    return false;
  });
}

function groupXml(group: StubAutoScalingGroup, region: string): string {
  const arn = `arn:aws:autoscaling:${region}:${STUB_ACCOUNT_ID}:autoScalingGroup:00000000-0000-4000-8000-000000000000:autoScalingGroupName/${group.name}`;
  const tags = Object.entries(group.tags)
    .map(
      ([key, value]) =>
        `<member>${xmlFields({ Key: key, Value: value, ResourceId: group.name, ResourceType: "auto-scaling-group", PropagateAtLaunch: true })}</member>`,
    )
    .join("");
  return (
    `<member>${xmlFields({
      AutoScalingGroupName: group.name,
      AutoScalingGroupARN: arn,
      MinSize: group.minSize,
      MaxSize: group.maxSize,
      DesiredCapacity: group.desiredCapacity,
      DefaultCooldown: 300,
      HealthCheckType: "EC2",
      HealthCheckGracePeriod: 15,
      CreatedTime: "2026-01-01T00:00:00Z",
      VPCZoneIdentifier: "",
      ServiceLinkedRoleARN: `arn:aws:iam::${STUB_ACCOUNT_ID}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
    })}<AvailabilityZones><member>${xml(`${region}a`)}</member></AvailabilityZones>` +
    `<Instances/><LoadBalancerNames/><TargetGroupARNs/><SuspendedProcesses/><EnabledMetrics/><Tags>${tags}</Tags></member>`
  );
}

export const autoscaling: ServiceStub = {
  signingName: "autoscaling",
  protocol: "query",
  xmlNamespace: "http://autoscaling.amazonaws.com/doc/2011-01-01/",
  operations: {
    DescribeAutoScalingGroups: (input, { region, inventory }) => {
      const names = members(input, "AutoScalingGroupNames");
      const byName = filters(input);
      const groups = (inventory.autoScalingGroups ?? []).filter(
        (group) => (names.length === 0 || names.includes(group.name)) && matches(group, byName),
      );
      return `<AutoScalingGroups>${groups.map((group) => groupXml(group, region)).join("")}</AutoScalingGroups>`;
    },
  },
};
