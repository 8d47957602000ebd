import { EksNodeGroup as EksNodeGroupResource } from "@cdktf/provider-aws/lib/eks-node-group";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Fn, Testing } from "cdktf";
import { EksNodeGroup, type EksNodeGroupProps } from "../../../src/modules/compute/node-group";
import { Namer } from "../../../src/naming";
import { element, parse } from "./synthesized";

const KEY = "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const CLUSTER_SG = "sg-0c1a5e7c1a5e70001";
const APP_SG = "sg-0a99a99a99a990002";

function synth(props: Partial<EksNodeGroupProps> = {}): string {
  return Testing.synthScope((scope) => {
    new EksNodeGroup(scope, "Nodes", {
      namer: new Namer("titan", "primary"),
      name: "general",
      clusterName: "titan-primary-eks",
      clusterPhysicalName: "titan-primary-eks",
      subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
      instanceTypes: ["t3.medium"],
      capacityType: "ON_DEMAND",
      minSize: 2,
      desiredSize: 3,
      maxSize: 6,
      kmsKeyArn: KEY,
      clusterSecurityGroupId: CLUSTER_SG,
      ...props,
    });
  });
}

describe("EksNodeGroup", () => {
  it("requires IMDSv2 with a hop limit of 1, so pods cannot reach the node role", () => {
    expect(synth()).toHaveResourceWithProperties(LaunchTemplate, {
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
    });
  });

  it("encrypts gp3 root volumes with the customer key, 20 GiB unless told otherwise", () => {
    const volume = (diskSizeGiB?: number) => [
      {
        device_name: "/dev/xvda",
        ebs: {
          volume_size: diskSizeGiB ?? 20,
          volume_type: "gp3",
          encrypted: "true",
          kms_key_id: KEY,
          delete_on_termination: "true",
        },
      },
    ];
    expect(synth()).toHaveResourceWithProperties(LaunchTemplate, { block_device_mappings: volume() });
    expect(synth({ diskSizeGiB: 50 })).toHaveResourceWithProperties(LaunchTemplate, {
      block_device_mappings: volume(50),
    });
  });

  it("puts the cluster security group on the nodes, before any other, with no public address", () => {
    expect(synth({ securityGroupIds: [APP_SG] })).toHaveResourceWithProperties(LaunchTemplate, {
      network_interfaces: [
        {
          device_index: 0,
          associate_public_ip_address: "false",
          delete_on_termination: "true",
          security_groups: [CLUSTER_SG, APP_SG],
        },
      ],
    });
  });

  it("propagates the group's name to instances, volumes and network interfaces", () => {
    const tags = { Name: "titan-primary-eks-general" };
    expect(synth()).toHaveResourceWithProperties(LaunchTemplate, {
      tag_specifications: [
        { resource_type: "instance", tags },
        { resource_type: "volume", tags },
        { resource_type: "network-interface", tags },
      ],
    });
  });

  it("sends the live desired size clamped into min..max, and is tagged for the autoscaler's auto-discovery", () => {
    const json = parse(synth());
    const group = element(json, "resource", "aws_eks_node_group", "Nodes");
    const current = element(json, "data", "aws_autoscaling_group", "Nodes/DesiredSize/Current");
    expect(group.scaling_config).toEqual({
      min_size: 2,
      max_size: 6,
      desired_size: `\${max(2, min(6, try(data.aws_autoscaling_group.${current.logicalId}[0].desired_capacity, 3)))}`,
    });
    expect(group).not.toHaveProperty("lifecycle.ignore_changes");
    expect(group.tags).toEqual({
      "k8s.io/cluster-autoscaler/enabled": "true",
      "k8s.io/cluster-autoscaler/titan-primary-eks": "owned",
    });
    expect(group.update_config).toEqual({ max_unavailable: 1 });
  });

  it("finds its live size through the Auto Scaling group EKS tags with the cluster and group names", () => {
    const json = parse(synth());
    const groups = element(json, "data", "aws_autoscaling_groups", "Nodes/DesiredSize/Groups");
    expect(groups.filter).toEqual([
      { name: "tag:eks:cluster-name", values: ["titan-primary-eks"] },
      { name: "tag:eks:nodegroup-name", values: ["titan-primary-eks-general"] },
    ]);
    const current = element(json, "data", "aws_autoscaling_group", "Nodes/DesiredSize/Current");
    // Read only once the group exists, so a first plan starts the group at its configured desired size.
    expect(current.count).toBe(`\${length(data.aws_autoscaling_groups.${groups.logicalId}.names)}`);
    expect(current.name).toBe(`\${element(data.aws_autoscaling_groups.${groups.logicalId}.names, 0)}`);
  });

  it("refuses a cluster name reference for the lookup, which would defer it to apply", () => {
    expect(() => synth({ clusterPhysicalName: Fn.lower("titan-primary-eks") })).toThrow(
      /clusterName: must be a literal name, not a reference: the lookup runs at plan time.*got "\$\{TfToken\[TOKEN\.154\]\}"/,
    );
  });

  it("rolls nodes on every launch template change", () => {
    const json = parse(synth());
    const template = element(json, "resource", "aws_launch_template", "Nodes/LaunchTemplate");
    expect(element(json, "resource", "aws_eks_node_group", "Nodes").launch_template).toEqual({
      id: `\${aws_launch_template.${template.logicalId}.id}`,
      version: `\${aws_launch_template.${template.logicalId}.latest_version}`,
    });
  });

  it("runs spot capacity tainted so only pods that tolerate interruption land there", () => {
    const json = synth({ name: "spot", capacityType: "SPOT", instanceTypes: ["t3.medium", "t3a.medium"] });
    expect(json).toHaveResourceWithProperties(EksNodeGroupResource, {
      capacity_type: "SPOT",
      instance_types: ["t3.medium", "t3a.medium"],
      taint: [{ key: "capacity", value: "spot", effect: "NO_SCHEDULE" }],
    });
    expect(synth()).toHaveResourceWithProperties(EksNodeGroupResource, { capacity_type: "ON_DEMAND", taint: [] });
  });

  it("labels nodes only when told to", () => {
    const labelled = parse(synth({ labels: { workload: "web" } }));
    expect(element(labelled, "resource", "aws_eks_node_group", "Nodes").labels).toEqual({ workload: "web" });
    expect(element(parse(synth()), "resource", "aws_eks_node_group", "Nodes").labels).toBeUndefined();
  });

  test.each([
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
  ])("gives the node role %s", (policyArn) => {
    expect(synth()).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: policyArn });
  });

  test.each([
    [{ minSize: 3, desiredSize: 2, maxSize: 6 }, /desiredSize: desired 2 must lie between min 3 and max 6/],
    [{ minSize: 1, desiredSize: 7, maxSize: 6 }, /desiredSize: desired 7 must lie between min 1 and max 6/],
    [{ minSize: 4, desiredSize: 4, maxSize: 3 }, /desiredSize: min 4 is above max 3/],
    [{ minSize: -1, desiredSize: 0, maxSize: 3 }, /minSize: must be a whole number from 0 to 100.*got -1/],
    [{ minSize: 1, desiredSize: 1.5, maxSize: 3 }, /desiredSize: must be a whole number from 0 to 100, got 1\.5/],
    [
      { minSize: 0, desiredSize: 0, maxSize: 0 },
      /maxSize: must be a whole number from 1 to 100 \(EKS refuses a maximum of 0\).*got 0/,
    ],
  ])("rejects sizes %p", (sizes, message) => {
    expect(() => synth(sizes)).toThrow(message);
  });

  test.each([
    [{ instanceTypes: [] }, /instanceTypes: must list at least one EC2 instance type.*got none/],
    [
      { capacityType: "SPOT" as const, instanceTypes: ["t3.medium"] },
      /instanceTypes: must hold at least 2 instance types in a SPOT group, to find capacity.*got t3\.medium/,
    ],
    [{ subnetIds: [] }, /subnetIds: must list the private subnets of the AZs to spread over.*got none/],
    [
      { diskSizeGiB: 10 },
      /diskSizeGiB: must be a whole number from 20 to 16384 \(the AMI's snapshot size is 20.*got 10/,
    ],
  ])("rejects %p", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  describe("one group per zone (zoneIds)", () => {
    const ZONES = ["use2-az1", "use2-az2", "use2-az3"];
    const SUBNETS = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"];
    const zonal = (props: Partial<EksNodeGroupProps> = {}) =>
      parse(synth({ subnetIds: SUBNETS, zoneIds: ZONES, minSize: 2, desiredSize: 4, maxSize: 7, ...props }));

    test.each(ZONES.map((zone, n) => [zone, n]))("addresses %s's group by its AZ ID, in its own subnet", (zone, n) => {
      const group = element(zonal(), "resource", "aws_eks_node_group", `Nodes/${zone}`);
      expect(group.node_group_name).toBe(`titan-primary-eks-general-${zone}`);
      expect(group.subnet_ids).toEqual([SUBNETS[n as number]]);
    });

    it("splits the totals over the zones, remainders first, and looks up each group's own live size", () => {
      const json = zonal();
      const sizes = ZONES.map((zone) => {
        const group = element(json, "resource", "aws_eks_node_group", `Nodes/${zone}`);
        const lookup = element(json, "data", "aws_autoscaling_groups", `Nodes/${zone}/DesiredSize/Groups`);
        expect(lookup.filter).toContainEqual({ name: "tag:eks:nodegroup-name", values: [group.node_group_name] });
        const scaling = group.scaling_config as { min_size: number; max_size: number; desired_size: string };
        const initial = Number(/, (\d+)\)\)\)\}$/.exec(scaling.desired_size)?.[1]);
        return { min: scaling.min_size, desired: initial, max: scaling.max_size };
      });
      expect(sizes).toEqual([
        { min: 1, desired: 2, max: 3 },
        { min: 1, desired: 1, max: 2 },
        { min: 0, desired: 1, max: 2 },
      ]);
    });

    it("shares one role and one launch template, so the zones' nodes look alike to the autoscaler", () => {
      const json = zonal();
      expect(Object.keys(json.resource?.aws_iam_role ?? {})).toHaveLength(1);
      expect(Object.keys(json.resource?.aws_launch_template ?? {})).toHaveLength(1);
      const templates = ZONES.map(
        (zone) => element(json, "resource", "aws_eks_node_group", `Nodes/${zone}`).launch_template,
      );
      expect(new Set(templates.map((template) => JSON.stringify(template))).size).toBe(1);
    });

    it("moves no other zone's group when a zone is added or removed", () => {
      const two = zonal({ zoneIds: ZONES.slice(0, 2), subnetIds: SUBNETS.slice(0, 2), maxSize: 6 });
      const three = zonal({ maxSize: 6 });
      const ids = (json: typeof two) => Object.keys(json.resource?.aws_eks_node_group ?? {});
      expect(ids(three)).toEqual(expect.arrayContaining(ids(two)));
    });

    test.each([
      [{ maxSize: 2 }, /maxSize: must be at least 3, one per zone \(each zone has its own node group.*got 2/],
      [{ zoneIds: ZONES.slice(0, 2) }, /zoneIds: must name the zone of each of the 3 subnets, got 2/],
      [{ zoneIds: ["use2-az1", "use2-az1", "use2-az2"] }, /zoneIds: must list each zone once/],
    ])("rejects %p", (props, message) => {
      expect(() => zonal(props)).toThrow(message);
    });
  });
});
