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
const LIVE_ASG = "eks-titan-dr-eks-general-0ac9a1b2";

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
    instanceTypes: [config.kubernetes.nodeInstanceType],
    capacityType: "ON_DEMAND",
    minSize: nodes.min,
    maxSize: nodes.max,
    desiredSize: nodes.desired,
    kmsKeyArn: `arn:aws:kms:us-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    clusterSecurityGroupId: "sg-0c1a5e7c1a5e70001",
  });
  if (ignoreDesiredSize) {
    general.nodeGroup.addOverride("scaling_config.desired_size", nodes.desired);
    general.nodeGroup.addOverride("lifecycle.ignore_changes", ["scaling_config[0].desired_size"]);
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
 * What the account holds before the step: the node group (with its role, policy attachments and
 * launch template, whose identities it is created from) and the web tier's Auto Scaling group, at
 * the sizes given, as a previous apply of the standby config left them.
 */
function accountAt(stackJson: unknown, nodes: Sizes, web: Sizes): SeededResource[] {
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
    {
      type: "aws_eks_node_group",
      logicalId: logicalIdOf(stackJson, "aws_eks_node_group"),
      attributes: {
        id: `${CLUSTER}:titan-dr-eks-general`,
        arn: `arn:aws:eks:us-west-1:${ACCOUNT}:nodegroup/${CLUSTER}/titan-dr-eks-general/0ac9a1b2`,
        ami_type: "AL2023_x86_64_STANDARD",
        capacity_type: "ON_DEMAND",
        cluster_name: CLUSTER,
        instance_types: ["t3.medium"],
        node_group_name: "titan-dr-eks-general",
        node_role_arn: roleArn,
        subnet_ids: SUBNETS,
        launch_template: [{ ...template, version: "1" }],
        scaling_config: [{ min_size: nodes.min, max_size: nodes.max, desired_size: nodes.desired }],
        update_config: [{ max_unavailable: 1, max_unavailable_percentage: 0 }],
        taint: [],
        status: "ACTIVE",
      },
    },
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

/** The Auto Scaling group EKS keeps behind the node group, at the size the autoscaler left it. */
function liveNodeGroupAsg(desired: number, sizes: Sizes): StubAutoScalingGroup {
  return {
    name: LIVE_ASG,
    minSize: sizes.min,
    maxSize: sizes.max,
    desiredCapacity: desired,
    tags: { "eks:cluster-name": CLUSTER, "eks:nodegroup-name": "titan-dr-eks-general" },
  };
}

async function planAgainst(
  config: TitanConfig,
  account: (stackJson: unknown) => SeededResource[],
  asg: StubAutoScalingGroup,
  ignoreDesiredSize = false,
) {
  const stack = drCapacityStack(config, ignoreDesiredSize);
  const stackDir = path.join(Testing.fullSynth(stack), "stacks", "dr-capacity");
  const stackJson: unknown = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
  const { outcome, calls, plan } = await planOffline({
    stack: "dr-capacity",
    stackDir,
    inventory: { autoScalingGroups: [asg] },
    priorState: priorState(account(stackJson)),
  });
  expect(outcome.diagnostics).toEqual([]);
  expect(outcome.result).toBe("planned");
  expect(calls.filter((call) => !call.handled)).toEqual([]);
  return { changes: plan?.changes ?? [], calls: calls.map((call) => call.call) };
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

describe("the DR scale-up step, planned offline against a standby-sized account", () => {
  const standby = resolveConfig();
  const flipped = resolveConfig({ dr: { activeRole: "dr" } });
  const standbyNodes = standby.kubernetes.nodes.standby;
  const standbyWeb = { min: 2, max: 4, desired: 2 };

  it("flipping dr.activeRole sends requests EKS and Auto Scaling accept, raising DR to its active size", async () => {
    // The account as the standby config left it: the autoscaler has kept the node group at 1.
    const { changes, calls } = await planAgainst(
      flipped,
      (json) => accountAt(json, standbyNodes, standbyWeb),
      liveNodeGroupAsg(1, standbyNodes),
    );
    const nodes = changeOf(changes, "aws_eks_node_group");
    expect(nodes.action).toBe("update");
    expect(nodeRequest(nodes)).toEqual({ min: 2, max: 6, desired: 2 });
    expect(rejectionOf(nodeRequest(nodes))).toBeUndefined();

    const web = changeOf(changes, "aws_autoscaling_group");
    expect(web.action).toBe("update");
    expect(webRequest(web)).toEqual({ min: 3, max: 6, desired: 3 });
    expect(rejectionOf(webRequest(web))).toBeUndefined();
    // The live size came from the node group's Auto Scaling group, found by EKS's tags, then by name.
    expect(calls.filter((call) => call === "autoscaling:DescribeAutoScalingGroups")).toHaveLength(2);
  }, 120_000);

  it("catches the design it replaced: with desired_size ignored, the same step sends a request EKS rejects", async () => {
    const { changes } = await planAgainst(
      flipped,
      (json) => accountAt(json, standbyNodes, standbyWeb),
      liveNodeGroupAsg(1, standbyNodes),
      true,
    );
    const request = nodeRequest(changeOf(changes, "aws_eks_node_group"));
    expect(request).toEqual({ min: 2, max: 6, desired: 1 });
    expect(rejectionOf(request)).toBe("Minimum capacity 2 can't be greater than desired size 1");
  }, 120_000);

  it("keeps the autoscaler's size in standby, and a scaled-out group stays within the standby range", async () => {
    // Back in standby after a failover: the autoscaler holds DR's node group at 5.
    const { changes } = await planAgainst(
      standby,
      (json) => accountAt(json, { min: 2, max: 6, desired: 5 }, { min: 3, max: 6, desired: 3 }),
      liveNodeGroupAsg(5, { min: 2, max: 6, desired: 5 }),
    );
    const request = nodeRequest(changeOf(changes, "aws_eks_node_group"));
    expect(request).toEqual({ min: 1, max: 6, desired: 5 });
    expect(rejectionOf(request)).toBeUndefined();
    const web = webRequest(changeOf(changes, "aws_autoscaling_group"));
    expect(web).toEqual({ min: 2, max: 4, desired: 2 });
    expect(rejectionOf(web)).toBeUndefined();
  }, 120_000);
});
