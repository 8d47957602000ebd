import { readFileSync } from "node:fs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Testing } from "cdktf";
import { parse } from "yaml";
import { buildspecPath } from "../../../src/modules/delivery/buildspec";
import { HelmDeployProject, type HelmDeployProjectProps } from "../../../src/modules/delivery/deploy-project";
import { Namer } from "../../../src/naming";
import { sampleReleaseValues } from "../../support/app-release";
import { buildspecAsDeployed, environmentOf, onlyProject } from "./codebuild";
import { leastPrivilegeViolations, permissionStatements, statement } from "./iam";

const KEY = "arn:aws:kms:us-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const IMAGE_REPOSITORY = "arn:aws:ecr:us-west-1:111122223333:repository/birthday-app";
const CHART_REPOSITORY = "arn:aws:ecr:us-west-1:111122223333:repository/charts/birthday-app";
const BUCKET = "arn:aws:s3:::titan-dr-pipeline-artifacts";

function synth(props: Partial<HelmDeployProjectProps> = {}): string {
  return Testing.synthScope((scope) => {
    new HelmDeployProject(scope, "Deploy", {
      namer: new Namer("titan", "dr"),
      region: "us-west-1",
      accountId: "111122223333",
      appName: "birthday-app",
      clusterName: "titan-dr-eks",
      kubernetesVersion: "1.35",
      imageRepositoryUrl: "111122223333.dkr.ecr.us-west-1.amazonaws.com/birthday-app",
      chartRepositoryUrl: "111122223333.dkr.ecr.us-west-1.amazonaws.com/charts/birthday-app",
      imageRepositoryArn: IMAGE_REPOSITORY,
      chartRepositoryArn: CHART_REPOSITORY,
      artifactBucketArn: BUCKET,
      kmsKeyArn: KEY,
      logRetentionDays: 90,
      vpcId: "vpc-0abc",
      subnetIds: ["subnet-0b", "subnet-0c"],
      releaseValues: sampleReleaseValues("dr"),
      ...props,
    });
  });
}

describe("HelmDeployProject", () => {
  const json = synth();
  const project = onlyProject(json);

  it("runs unprivileged in the VPC's private subnets behind its own security group", () => {
    expect(project.name).toBe("titan-dr-helm-deploy");
    expect(project.environment.privileged_mode).toBe(false);
    expect(project.vpc_config).toEqual({
      vpc_id: "vpc-0abc",
      subnets: ["subnet-0b", "subnet-0c"],
      security_group_ids: [expect.stringMatching(/^\$\{aws_security_group\.Deploy_SecurityGroup_\w+\.id\}$/)],
    });
    expect(json).toHaveResourceWithProperties(SecurityGroup, { name: "titan-dr-helm-deploy", vpc_id: "vpc-0abc" });
  });

  it("lets the security group send HTTPS and nothing else, and receive nothing", () => {
    const egress = Object.values(
      JSON.parse(json).resource.aws_vpc_security_group_egress_rule as Record<string, Record<string, unknown>>,
    );
    expect(egress).toEqual([
      expect.objectContaining({ ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "0.0.0.0/0" }),
    ]);
    expect(json).toHaveResource(VpcSecurityGroupEgressRule);
    expect(json).not.toHaveResource(VpcSecurityGroupIngressRule);
  });

  it("embeds buildspecs/deploy.yml, which runs helm upgrade --install", () => {
    const deployed = buildspecAsDeployed(project);
    expect(deployed).toBe(readFileSync(buildspecPath("deploy"), "utf8"));
    const spec = parse(deployed) as { phases: { build: { commands: string[] } } };
    expect(spec.phases.build.commands.join("\n")).toMatch(
      /^helm upgrade --install "\$APP_NAME" "oci:\/\/\$CHART_REPOSITORY_URL"/,
    );
  });

  it("tells the deploy which cluster (and its kubectl), namespace and repositories of its region to use, and the chart's values there", () => {
    const { HELM_VALUES_JSON, ...names } = environmentOf(project);
    expect(names).toEqual({
      APP_NAME: "birthday-app",
      AWS_ACCOUNT_ID: "111122223333",
      CLUSTER_NAME: "titan-dr-eks",
      KUBECTL_VERSION: "v1.35.0",
      K8S_NAMESPACE: "birthday",
      ECR_REGISTRY: "111122223333.dkr.ecr.us-west-1.amazonaws.com",
      IMAGE_REPOSITORY_URL: "111122223333.dkr.ecr.us-west-1.amazonaws.com/birthday-app",
      CHART_REPOSITORY_URL: "111122223333.dkr.ecr.us-west-1.amazonaws.com/charts/birthday-app",
    });
    expect(JSON.parse(HELM_VALUES_JSON)).toEqual(sampleReleaseValues("dr"));
    const canary = environmentOf(
      onlyProject(
        synth({
          serviceAccount: { namespace: "birthday-canary", name: "canary" },
          releaseValues: { ...sampleReleaseValues("dr"), serviceAccount: { name: "canary" } },
        }),
      ),
    );
    expect(canary.K8S_NAMESPACE).toBe("birthday-canary");
    expect(JSON.parse(canary.HELM_VALUES_JSON).serviceAccount).toEqual({ name: "canary" });
  });

  it("has no source or artifact of its own, so it runs from the pipeline and on its own (break-glass)", () => {
    expect(project.source.type).toBe("NO_SOURCE");
    expect(project.artifacts).toEqual({ type: "NO_ARTIFACTS" });
  });

  it("may describe its cluster and read the chart, but not push", () => {
    expect(statement(json, "FindCluster")).toMatchObject({
      actions: ["eks:DescribeCluster"],
      resources: ["arn:aws:eks:us-west-1:111122223333:cluster/titan-dr-eks"],
    });
    expect(statement(json, "PullChart").resources).toEqual([CHART_REPOSITORY]);
    expect(statement(json, "WaitForReplicatedRelease")).toMatchObject({
      actions: ["ecr:DescribeImages"],
      resources: [IMAGE_REPOSITORY, CHART_REPOSITORY],
    });
    expect(statement(json, "ReadArtifacts")).toMatchObject({
      actions: ["s3:GetObject", "s3:GetObjectVersion"],
      resources: [`${BUCKET}/*`],
    });
    expect(statement(json, "DecryptArtifacts")).toMatchObject({ actions: ["kms:Decrypt", "kms:DescribeKey"] });
    const actions = permissionStatements(json).flatMap((candidate) => candidate.actions ?? []);
    expect(actions).not.toEqual(expect.arrayContaining(["ecr:PutImage"]));
    expect(actions).not.toEqual(expect.arrayContaining(["s3:PutObject"]));
  });

  it("may place its network interface only in the given subnets, for CodeBuild", () => {
    expect(statement(json, "AttachToPrivateSubnets").resources).toEqual([
      "arn:aws:ec2:us-west-1:111122223333:network-interface/*",
      "arn:aws:ec2:us-west-1:111122223333:subnet/subnet-0b",
      "arn:aws:ec2:us-west-1:111122223333:subnet/subnet-0c",
      expect.stringMatching(/^arn:aws:ec2:us-west-1:111122223333:security-group\/\$\{aws_security_group\./),
    ]);
    expect(statement(json, "LetCodeBuildUseTheInterface").condition).toEqual([
      {
        test: "ArnEquals",
        variable: "ec2:Subnet",
        values: [
          "arn:aws:ec2:us-west-1:111122223333:subnet/subnet-0b",
          "arn:aws:ec2:us-west-1:111122223333:subnet/subnet-0c",
        ],
      },
      { test: "StringEquals", variable: "ec2:AuthorizedService", values: ["codebuild.amazonaws.com"] },
    ]);
  });

  it("grants no wildcard action, and * only to actions that take no resource", () => {
    expect(leastPrivilegeViolations(permissionStatements(json))).toEqual([]);
  });

  test.each([
    [
      { serviceAccount: { namespace: "Birthday", name: "birthday-app" } },
      'serviceAccount.namespace: must be a Kubernetes DNS label: up to 63 lowercase letters, digits and hyphens, got "Birthday"',
    ],
    [
      { buildTimeoutMinutes: 3 },
      "buildTimeoutMinutes: must be a whole number from 5 to 2160 (CodeBuild's limits), got 3",
    ],
    [{ subnetIds: [] }, "subnetIds: must list the region's private subnets, got none"],
    [
      { releaseValues: { ...sampleReleaseValues("dr"), serviceAccount: { name: "other" } } },
      'releaseValues.serviceAccount.name: must be "birthday-app", the service account the k8s stack creates, got "other"',
    ],
  ])("rejects %p", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
