import type { RegionRole } from "../../src/config";
import { buildApp, resourcesOf, type SynthesizedStack, synthJson, testConfig } from "../support/synth";

type Resource = Record<string, unknown>;

function byName(json: SynthesizedStack, type: string, name: string): Resource | undefined {
  return Object.values(resourcesOf(json, type)).find((resource) => resource.name === name);
}

const SEED_AMIS: Record<RegionRole, string> = { primary: "ami-0df92fab4fc936ce1", dr: "ami-0cf0917c6fa17e621" };

describe("web.runtime", () => {
  const ec2 = buildApp(testConfig({ web: { runtime: "ec2" } }));
  const eks = buildApp(testConfig({ web: { runtime: "eks" } }));

  test.each<[RegionRole, number]>([
    ["primary", 3],
    ["dr", 2],
  ])("ec2 builds the seed's web tier in %s: its AMI, t3.micro, %i instances behind the ALB", (role, instances) => {
    const json = synthJson(ec2[role]);
    expect(byName(json, "aws_launch_template", `titan-${role}-web`)).toMatchObject({
      image_id: SEED_AMIS[role],
      instance_type: "t3.micro",
      metadata_options: { http_tokens: "required", http_put_response_hop_limit: 1 },
    });
    const group = byName(json, "aws_autoscaling_group", `titan-${role}-web`);
    expect(group).toMatchObject({ desired_capacity: instances, min_size: instances, health_check_type: "ELB" });
    const instanceGroup = byName(json, "aws_lb_target_group", `titan-${role}-web-instances`);
    expect(instanceGroup).toMatchObject({ target_type: "instance", port: 5000 });
    for (const rule of Object.values(resourcesOf(json, "aws_lb_listener_rule"))) {
      expect(rule.action).toEqual([
        { type: "forward", target_group_arn: expect.stringMatching(/Alb_InstanceTargetGroup/) },
      ]);
    }
  });

  test.each<RegionRole>(["primary", "dr"])(
    "eks builds nothing of the EC2 tier in %s and forwards to the pods",
    (role) => {
      const json = synthJson(eks[role]);
      expect(byName(json, "aws_launch_template", `titan-${role}-web`)).toBeUndefined();
      expect(byName(json, "aws_autoscaling_group", `titan-${role}-web`)).toBeUndefined();
      expect(byName(json, "aws_lb_target_group", `titan-${role}-web-instances`)).toBeUndefined();
      expect(byName(json, "aws_lb_target_group", `titan-${role}-app-pods`)).toMatchObject({ target_type: "ip" });
      for (const rule of Object.values(resourcesOf(json, "aws_lb_listener_rule"))) {
        expect(rule.action).toEqual([
          { type: "forward", target_group_arn: expect.stringMatching(/Alb_PodTargetGroup/) },
        ]);
      }
    },
  );
});

describe("regional platform", () => {
  const stacks = buildApp(testConfig({ kubernetes: { spot: { enabled: true } } }));
  const primary = synthJson(stacks.primary);
  const dr = synthJson(stacks.dr);

  it("replicates ECR from primary to us-west-1, configured in primary only", () => {
    const [replication] = Object.values(resourcesOf(primary, "aws_ecr_replication_configuration"));
    expect(replication).toMatchObject({
      replication_configuration: {
        rule: [expect.objectContaining({ destination: [expect.objectContaining({ region: "us-west-1" })] })],
      },
    });
    expect(resourcesOf(dr, "aws_ecr_replication_configuration")).toEqual({});
    expect(Object.keys(resourcesOf(dr, "aws_ecr_repository"))).toHaveLength(2);
  });

  test.each<[RegionRole, SynthesizedStack, string, number, number, number]>([
    ["primary", primary, "titan-primary-eks-general-use2-az1", 1, 2, 1],
    ["dr", dr, "titan-dr-eks-general-usw1-az1", 1, 3, 1],
  ])(
    "sizes the %s zones' node groups from config (%s: min %i, max %i, initially %i) and keeps the autoscaler's live size",
    (_role, json, name, min, max, desired) => {
      const general = Object.values(resourcesOf(json, "aws_eks_node_group")).find(
        (group) => group.node_group_name === name,
      );
      expect(general).toMatchObject({
        scaling_config: {
          min_size: min,
          max_size: max,
          desired_size: expect.stringMatching(
            new RegExp(
              `^\\$\\{max\\(${min}, min\\(${max}, try\\(data\\.aws_autoscaling_group\\..+\\[0\\]\\.desired_capacity, ${desired}\\)\\)\\)\\}$`,
            ),
          ),
        },
      });
      expect(general).not.toHaveProperty("lifecycle");
    },
  );

  test.each<[RegionRole, SynthesizedStack, string[]]>([
    ["primary", primary, ["use2-az1", "use2-az2", "use2-az3"]],
    ["dr", dr, ["usw1-az1", "usw1-az3"]],
  ])(
    "runs one general node group per %s zone, in that zone's private subnet only, all from one launch template and role",
    (_role, json, zones) => {
      const general = Object.values(resourcesOf(json, "aws_eks_node_group")).filter(
        (group) => group.capacity_type === "ON_DEMAND",
      );
      expect(general.map((group) => String(group.node_group_name).replace(/^titan-\w+-eks-general-/, ""))).toEqual(
        zones,
      );
      // Each group in its own zone's private subnet, the one the network addresses by the same AZ ID.
      for (const group of general) {
        const zone = String(group.node_group_name).split("-general-")[1];
        expect(group.subnet_ids).toEqual([
          expect.stringMatching(new RegExp(`^\\$\\{aws_subnet\\.Network_${zone}_PrivateSubnet_\\w+\\.id\\}$`)),
        ]);
      }
      expect(new Set(general.map((group) => JSON.stringify(group.launch_template))).size).toBe(1);
      expect(new Set(general.map((group) => group.node_role_arn)).size).toBe(1);
    },
  );

  it("adds a spot group when enabled", () => {
    const spot = Object.values(resourcesOf(primary, "aws_eks_node_group")).find(
      (group) => group.capacity_type === "SPOT",
    );
    expect(spot).toMatchObject({ instance_types: ["t3.medium", "t3a.medium"] });
  });

  test.each<[RegionRole, SynthesizedStack]>([
    ["primary", primary],
    ["dr", dr],
  ])("admits the %s helm deploy project to its cluster by access entry and by network", (_role, json) => {
    const [entry] = Object.values(resourcesOf(json, "aws_eks_access_entry"));
    expect(entry.principal_arn).toMatch(/^\$\{aws_iam_role\.HelmDeploy_/);
    const rule = Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule")).find(
      (candidate) => candidate.description === "Kubernetes API from the CodeBuild helm deploy project",
    );
    expect(rule).toMatchObject({
      from_port: 443,
      security_group_id: expect.stringMatching(/cluster_security_group_id/),
    });
  });

  test.each<[RegionRole, SynthesizedStack]>([
    ["primary", primary],
    ["dr", dr],
  ])("caches the platform's public images in %s's ECR, which every node group may fill", (_role, json) => {
    const prefixes = Object.values(resourcesOf(json, "aws_ecr_pull_through_cache_rule")).map(
      (rule) => rule.ecr_repository_prefix,
    );
    expect(prefixes).toEqual(["titan-ecr-public", "titan-k8s", "titan-quay"]);
    const grants = Object.values(resourcesOf(json, "aws_iam_role_policy")).filter((p) => p.name === "image-cache");
    // One role per kind of node group (the zones' general groups share theirs), each granted once.
    const nodeRoles = new Set(
      Object.values(resourcesOf(json, "aws_eks_node_group")).map((group) => String(group.node_role_arn)),
    );
    expect(nodeRoles.size).toBeGreaterThan(0);
    expect(grants.map((grant) => String(grant.role)).sort()).toEqual(
      [...nodeRoles].map((arn) => arn.replace(/\.arn\}$/, ".name}")).sort(),
    );
  });

  it("lets Auto Scaling use the regional key for encrypted node and web volumes", () => {
    const statements = Object.values(primary.data?.aws_iam_policy_document ?? {}).flatMap(
      (document) => (document.statement as { sid?: string }[] | undefined) ?? [],
    );
    expect(statements.map((statement) => statement.sid)).toEqual(
      expect.arrayContaining(["AutoScalingUsesKeyForEbsVolumes", "AutoScalingGrantsKeyToEc2ForEbsVolumes"]),
    );
  });

  it("watches the Aurora global replication lag in DR only", () => {
    const metric = (json: SynthesizedStack) =>
      Object.values(resourcesOf(json, "aws_cloudwatch_metric_alarm")).map((alarm) => alarm.metric_name);
    expect(metric(dr)).toContain("AuroraGlobalDBReplicationLag");
    expect(metric(primary)).not.toContain("AuroraGlobalDBReplicationLag");
  });

  it("trusts every IRSA role through the cluster's OIDC provider with sub and aud conditions", () => {
    const trusts = Object.values(primary.data?.aws_iam_policy_document ?? {})
      .flatMap((document) => (document.statement as Resource[] | undefined) ?? [])
      .filter((statement) => (statement.actions as string[] | undefined)?.includes("sts:AssumeRoleWithWebIdentity"));
    // Collector, app, autoscaler, EBS CSI, load balancer controller, and the writer's database bootstrap.
    expect(trusts).toHaveLength(6);
    for (const trust of trusts) {
      const variables = (trust.condition as { variable: string }[]).map((condition) => condition.variable);
      expect(variables).toEqual(
        expect.arrayContaining([expect.stringMatching(/:sub$/), expect.stringMatching(/:aud$/)]),
      );
      expect(JSON.stringify(trust)).not.toContain("eks.amazonaws.com");
    }
  });
});

describe("delivery pipeline (cross-region stack)", () => {
  const json = synthJson(buildApp().crossRegion);
  const [pipeline] = Object.values(resourcesOf(json, "aws_codepipeline")) as {
    stage: { name: string; action: { region?: string }[] }[];
    artifact_store: { region: string }[];
  }[];

  it("runs source, build, deploy primary, manual approval, deploy DR, in that order", () => {
    expect(pipeline.stage.map((stage) => stage.name)).toEqual([
      "Source",
      "Build",
      "DeployPrimary",
      "Approve",
      "DeployDR",
    ]);
    expect(pipeline.stage[4].action[0].region).toBe("us-west-1");
  });

  it("keeps an artifact store in each region of its actions", () => {
    expect(pipeline.artifact_store.map((store) => store.region).sort()).toEqual(["us-east-2", "us-west-1"]);
  });

  it("finds the GitHub connection by the name primary gave it", () => {
    expect(json.data?.aws_codestarconnections_connection?.GitHubConnection).toMatchObject({
      name: "titan-primary-github",
    });
  });
});
