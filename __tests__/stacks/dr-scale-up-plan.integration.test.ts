/**
 * The failover's capacity step, planned: a prior state holds DR at its warm-standby size, the config
 * flips dr.activeRole, and the offline plan (the real provider against the local AWS stub) shows
 * the update requests EKS and Auto Scaling would receive.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { regionState, resolveConfig, type TitanConfig } from "../../src/config";
import { EksNodeGroup } from "../../src/modules/compute/node-group";
import { Ec2WebTier } from "../../src/modules/web/web-tier";
import { Namer } from "../../src/naming";
import type { StubAutoScalingGroup } from "../../src/tooling/aws-stub/protocol";
import type { ResourceChange } from "../../src/tooling/plan/plan-json";
import { planOffline } from "../support/offline-plan";
import { logicalIdOf, priorState, resourcesIn, type SeededResource } from "../support/prior-state";
import { removeTempDirs } from "../tooling/fixtures";

afterAll(removeTempDirs);

const ACCOUNT = "111122223333";
const CLUSTER = "titan-dr-eks";
const SUBNETS = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"];
/** DR's zones, as the default config lists them: one node group each. */
const ZONES = ["usw1-az1", "usw1-az3"] as const;
type Zone = (typeof ZONES)[number];
const groupName = (zone: Zone) => `titan-dr-eks-general-${zone}`;

interface Sizes {
  readonly min: number;
  readonly max: number;
  readonly desired: number;
}

/**
 * What EKS's UpdateNodegroupConfig and Auto Scaling's UpdateAutoScalingGroup require of the sizes
 * they are sent: EKS answers "Minimum capacity N can't be greater than desired size M" otherwise.
 */
function rejectionOf({ min, max, desired }: Sizes): string | undefined {
  if (!(max >= 1)) return `maximum ${max} must be 1 or more`;
  if (min > desired) return `Minimum capacity ${min} can't be greater than desired size ${desired}`;
  if (desired > max) return `Desired capacity ${desired} can't be greater than max size ${max}`;
  return undefined;
}

/**
 * DR's node group and web tier as the dr stack builds them for `config`, in a stack of their own.
 * `ignoreDesiredSize` rebuilds the design this replaced, to show the plan-level check catches it.
 */
function drCapacityStack(config: TitanConfig, ignoreDesiredSize = false): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "dr-capacity");
  new AwsProvider(stack, "aws", { region: config.regions.dr.region });
  const namer = new Namer(config.project, "dr");
  const state = regionState(config, "dr");
  const nodes = config.kubernetes.nodes[state];
  const general = new EksNodeGroup(stack, "GeneralNodes", {
    namer,
    name: "general",
    clusterName: CLUSTER,
    clusterPhysicalName: CLUSTER,
    subnetIds: SUBNETS,
    zoneIds: ZONES,
    instanceTypes: [config.kubernetes.nodeInstanceType],
    capacityType: "ON_DEMAND",
    minSize: nodes.min,
    maxSize: nodes.max,
    desiredSize: nodes.desired,
    kmsKeyArn: `arn:aws:kms:us-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    clusterSecurityGroupId: "sg-0c1a5e7c1a5e70001",
  });
  if (ignoreDesiredSize) {
    for (const { nodeGroup, sizes } of general.groups) {
      nodeGroup.addOverride("scaling_config.desired_size", sizes.desired);
      nodeGroup.addOverride("lifecycle.ignore_changes", ["scaling_config[0].desired_size"]);
    }
  }
  new Ec2WebTier(stack, "WebTier", {
    namer,
    region: config.regions.dr.region,
    amiId: config.regions.dr.webAmiId,
    instanceType: config.web.instanceType,
    desiredCapacity: config.web.instances[state],
    privateSubnetIds: SUBNETS,
    securityGroupId: "sg-0a99a99a99a990002",
    targetGroupArn: `arn:aws:elasticloadbalancing:us-west-1:${ACCOUNT}:targetgroup/titan-dr-web-instances/0123456789abcdef`,
    kmsKeyArn: `arn:aws:kms:us-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    appPort: config.app.port,
    dbHost: "db.titan.internal",
    dbName: "birthday",
    dbUser: "birthday_app",
    cacheHost: "master.titan-dr-redis.abc123.usw1.cache.amazonaws.com",
    cacheUserId: "titan-dr-redis-app",
    cacheReplicationGroupId: "titan-dr-redis",
    logGroupName: "titan-dr-app",
  });
  return stack;
}

/**
 * What the account holds before the step: a node group per zone (with their role, policy
 * attachments and launch template, whose identities they are created from) and the web tier's Auto
 * Scaling group, at the sizes given, as a previous apply of the standby config left them.
 */
function accountAt(stackJson: unknown, nodes: Readonly<Record<Zone, Sizes>>, web: Sizes): SeededResource[] {
  const role = resourcesIn(stackJson, "aws_iam_role")[
    logicalIdOf(stackJson, "aws_iam_role", (r) => r.name === "titan-dr-eks-general-node")
  ];
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/${role.name}`;
  const roleId = logicalIdOf(stackJson, "aws_iam_role", (r) => r.name === role.name);
  const attachments = Object.entries(resourcesIn(stackJson, "aws_iam_role_policy_attachment"))
    .filter(([, a]) => String(a.role).includes(roleId))
    .map(([logicalId, a]) => ({
      type: "aws_iam_role_policy_attachment",
      logicalId,
      attributes: { id: `${role.name}-${logicalId}`, role: role.name, policy_arn: a.policy_arn },
    }));
  const template = { id: "lt-0123456789abcdef0", name: "titan-dr-eks-general" };
  return [
    {
      type: "aws_iam_role",
      logicalId: roleId,
      attributes: { id: role.name, name: role.name, arn: roleArn, assume_role_policy: "{}", path: "/" },
    },
    ...attachments,
    {
      type: "aws_launch_template",
      logicalId: logicalIdOf(stackJson, "aws_launch_template", (t) => t.name === template.name),
      attributes: {
        ...template,
        arn: `arn:aws:ec2:us-west-1:${ACCOUNT}:launch-template/${template.id}`,
        latest_version: 1,
        default_version: 1,
      },
    },
    ...ZONES.map((zone, n) => ({
      type: "aws_eks_node_group",
      logicalId: logicalIdOf(stackJson, "aws_eks_node_group", (g) => g.node_group_name === groupName(zone)),
      attributes: {
        id: `${CLUSTER}:${groupName(zone)}`,
        arn: `arn:aws:eks:us-west-1:${ACCOUNT}:nodegroup/${CLUSTER}/${groupName(zone)}/0ac9a1b2`,
        ami_type: "AL2023_x86_64_STANDARD",
        capacity_type: "ON_DEMAND",
        cluster_name: CLUSTER,
        instance_types: ["t3.medium"],
        node_group_name: groupName(zone),
        node_role_arn: roleArn,
        subnet_ids: [SUBNETS[n]],
        launch_template: [{ ...template, version: "1" }],
        scaling_config: [{ min_size: nodes[zone].min, max_size: nodes[zone].max, desired_size: nodes[zone].desired }],
        update_config: [{ max_unavailable: 1, max_unavailable_percentage: 0 }],
        taint: [],
        status: "ACTIVE",
      },
    })),
    {
      type: "aws_autoscaling_group",
      logicalId: logicalIdOf(stackJson, "aws_autoscaling_group"),
      schemaVersion: 1,
      attributes: {
        id: "titan-dr-web",
        name: "titan-dr-web",
        arn: `arn:aws:autoscaling:us-west-1:${ACCOUNT}:autoScalingGroup:00000000-0000-4000-8000-000000000001:autoScalingGroupName/titan-dr-web`,
        min_size: web.min,
        max_size: web.max,
        desired_capacity: web.desired,
        vpc_zone_identifier: SUBNETS,
        health_check_type: "ELB",
      },
    },
  ];
}

/** The Auto Scaling groups EKS keeps behind the zones' node groups, at the sizes the autoscaler left them. */
function liveNodeGroupAsgs(nodes: Readonly<Record<Zone, Sizes>>): StubAutoScalingGroup[] {
  return ZONES.map((zone, n) => ({
    name: `eks-${groupName(zone)}-0ac9a1b${n}`,
    minSize: nodes[zone].min,
    maxSize: nodes[zone].max,
    desiredCapacity: nodes[zone].desired,
    tags: { "eks:cluster-name": CLUSTER, "eks:nodegroup-name": groupName(zone) },
  }));
}

async function planAgainst(
  config: TitanConfig,
  account: (stackJson: unknown) => SeededResource[],
  asgs: StubAutoScalingGroup[],
  ignoreDesiredSize = false,
) {
  const stack = drCapacityStack(config, ignoreDesiredSize);
  const stackDir = path.join(Testing.fullSynth(stack), "stacks", "dr-capacity");
  const stackJson: unknown = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
  const { outcome, calls, plan } = await planOffline({
    stack: "dr-capacity",
    stackDir,
    inventory: { autoScalingGroups: asgs },
    priorState: priorState(account(stackJson)),
  });
  expect(outcome.diagnostics).toEqual([]);
  expect(outcome.result).toBe("planned");
  expect(calls.filter((call) => !call.handled)).toEqual([]);
  return { changes: plan?.changes ?? [], calls: calls.map((call) => call.call) };
}

/** Each zone's node group change, by zone. */
function nodeChanges(changes: readonly ResourceChange[]): Record<Zone, ResourceChange> {
  const found = changes.filter((change) => change.type === "aws_eks_node_group");
  expect(found).toHaveLength(ZONES.length);
  const byName = (zone: Zone) => found.find((change) => requested(change).node_group_name === groupName(zone));
  return Object.fromEntries(ZONES.map((zone) => [zone, byName(zone)])) as Record<Zone, ResourceChange>;
}

function changeOf(changes: readonly ResourceChange[], type: string): ResourceChange {
  const found = changes.filter((change) => change.type === type);
  expect(found).toHaveLength(1);
  return found[0];
}

/** The values the provider sends in the update request. */
function requested(change: ResourceChange): Record<string, unknown> {
  return change.after as Record<string, unknown>;
}

function nodeRequest(change: ResourceChange): Sizes {
  const [scaling] = requested(change).scaling_config as { min_size: number; max_size: number; desired_size: number }[];
  return { min: scaling.min_size, max: scaling.max_size, desired: scaling.desired_size };
}

function webRequest(change: ResourceChange): Sizes {
  return {
    min: Number(requested(change).min_size),
    max: Number(requested(change).max_size),
    desired: Number(requested(change).desired_capacity),
  };
}

describe("EKS and Auto Scaling's rule for a resize", () => {
  test.each<[Sizes, string | undefined]>([
    [{ min: 2, max: 6, desired: 2 }, undefined],
    [{ min: 2, max: 6, desired: 1 }, "Minimum capacity 2 can't be greater than desired size 1"],
    [{ min: 1, max: 3, desired: 4 }, "Desired capacity 4 can't be greater than max size 3"],
    [{ min: 0, max: 0, desired: 0 }, "maximum 0 must be 1 or more"],
  ])("judges %j: %s", (sizes, rejection) => {
    expect(rejectionOf(sizes)).toBe(rejection);
  });
});

describe("the DR scale-up step, planned offline against a standby-sized account (a node group per zone)", () => {
  const standby = resolveConfig();
  const flipped = resolveConfig({ dr: { activeRole: "dr" } });
  // The standby total (min 1, desired 1, max 6) over two zones: the first zone keeps the warm node.
  const standbyNodes = { "usw1-az1": { min: 1, max: 3, desired: 1 }, "usw1-az3": { min: 0, max: 3, desired: 0 } };
  const standbyWeb = { min: 2, max: 4, desired: 2 };

  it("splits the configured totals over the zones, as the stack does", () => {
    expect(standby.kubernetes.nodes.standby).toEqual({ min: 1, max: 6, desired: 1 });
    expect(flipped.kubernetes.nodes.active).toEqual({ min: 2, max: 6, desired: 2 });
  });

  it("flipping dr.activeRole sends requests EKS and Auto Scaling accept, raising each zone to its share of the active size", async () => {
    // The account as the standby config left it: the autoscaler has kept the groups at 1 and 0.
    const { changes, calls } = await planAgainst(
      flipped,
      (json) => accountAt(json, standbyNodes, standbyWeb),
      liveNodeGroupAsgs(standbyNodes),
    );
    const nodes = nodeChanges(changes);
    // The zone that already had its node keeps its sizes (the update the seeded state draws is its
    // tags); the empty zone gets one.
    expect(nodeRequest(nodes["usw1-az1"])).toEqual(standbyNodes["usw1-az1"]);
    expect(nodes["usw1-az3"].action).toBe("update");
    expect(nodeRequest(nodes["usw1-az3"])).toEqual({ min: 1, max: 3, desired: 1 });
    for (const zone of ZONES) {
      expect(rejectionOf(nodeRequest(nodes[zone]))).toBeUndefined();
    }

    const web = changeOf(changes, "aws_autoscaling_group");
    expect(web.action).toBe("update");
    expect(webRequest(web)).toEqual({ min: 3, max: 6, desired: 3 });
    expect(rejectionOf(webRequest(web))).toBeUndefined();
    // Each group's live size came from its own Auto Scaling group, found by EKS's tags, then by name.
    expect(calls.filter((call) => call === "autoscaling:DescribeAutoScalingGroups")).toHaveLength(2 * ZONES.length);
  }, 120_000);

  it("catches the design it replaced: with desired_size ignored, the same step sends a request EKS rejects", async () => {
    const { changes } = await planAgainst(
      flipped,
      (json) => accountAt(json, standbyNodes, standbyWeb),
      liveNodeGroupAsgs(standbyNodes),
      true,
    );
    const request = nodeRequest(nodeChanges(changes)["usw1-az3"]);
    expect(request).toEqual({ min: 1, max: 3, desired: 0 });
    expect(rejectionOf(request)).toBe("Minimum capacity 1 can't be greater than desired size 0");
  }, 120_000);

  it("keeps each zone's autoscaled size in standby, within the zone's standby range", async () => {
    // Back in standby after a failover: the autoscaler holds DR's groups at 3 and 2.
    const scaledOut = { "usw1-az1": { min: 1, max: 3, desired: 3 }, "usw1-az3": { min: 1, max: 3, desired: 2 } };
    const { changes } = await planAgainst(
      standby,
      (json) => accountAt(json, scaledOut, { min: 3, max: 6, desired: 3 }),
      liveNodeGroupAsgs(scaledOut),
    );
    const nodes = nodeChanges(changes);
    expect(nodeRequest(nodes["usw1-az1"])).toEqual({ min: 1, max: 3, desired: 3 });
    expect(nodeRequest(nodes["usw1-az3"])).toEqual({ min: 0, max: 3, desired: 2 });
    for (const zone of ZONES) {
      expect(rejectionOf(nodeRequest(nodes[zone]))).toBeUndefined();
    }
    const web = webRequest(changeOf(changes, "aws_autoscaling_group"));
    expect(web).toEqual({ min: 2, max: 4, desired: 2 });
    expect(rejectionOf(web)).toBeUndefined();
  }, 120_000);
});
