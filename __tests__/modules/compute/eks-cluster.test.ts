import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { EksCluster as EksClusterResource } from "@cdktf/provider-aws/lib/eks-cluster";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { TerraformOutput, Testing } from "cdktf";
import { EksCluster, type EksClusterProps } from "../../../src/modules/compute/eks-cluster";
import { Namer } from "../../../src/naming";
import { element, parse, statements } from "./synthesized";

const ACCOUNT = "111122223333";
const KEY = `arn:aws:kms:us-east-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const SUBNETS = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"];
const ADMIN = `arn:aws:iam::${ACCOUNT}:role/platform-admin`;
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/titan-primary-codebuild-deploy`;

function synth(props: Partial<EksClusterProps> = {}): string {
  return Testing.synthScope((scope) => {
    const cluster = new EksCluster(scope, "Eks", {
      namer: new Namer("titan", "primary"),
      region: "us-east-2",
      accountId: ACCOUNT,
      clusterName: "titan-primary-eks",
      kubernetesVersion: "1.32",
      privateSubnetIds: SUBNETS,
      kmsKeyArn: KEY,
      logRetentionDays: 90,
      ...props,
    });
    new TerraformOutput(scope, "issuer", { value: cluster.oidcIssuerUrl });
  });
}

describe("EksCluster", () => {
  it("gives the control plane a role EKS may assume only acting for this cluster in this account", () => {
    expect(statements(parse(synth()), "Eks/Role/TrustPolicy")).toEqual([
      {
        sid: "EksForThisCluster",
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["eks.amazonaws.com"] }],
        condition: [
          { test: "StringEquals", variable: "aws:SourceAccount", values: [ACCOUNT] },
          {
            test: "ArnEquals",
            variable: "aws:SourceArn",
            values: [`arn:aws:eks:us-east-2:${ACCOUNT}:cluster/titan-primary-eks`],
          },
        ],
      },
    ]);
  });

  it("places the control plane in the private subnets with a private endpoint", () => {
    expect(synth()).toHaveResourceWithProperties(EksClusterResource, {
      name: "titan-primary-eks",
      version: "1.32",
      vpc_config: expect.objectContaining({ subnet_ids: SUBNETS, endpoint_private_access: true }),
    });
  });

  test.each([
    [[], { endpoint_private_access: true, endpoint_public_access: false }],
    [
      ["203.0.113.0/24", "198.51.100.7/32"],
      {
        endpoint_private_access: true,
        endpoint_public_access: true,
        public_access_cidrs: ["203.0.113.0/24", "198.51.100.7/32"],
      },
    ],
  ])("with publicAccessCidrs %p exposes the endpoint as %p", (publicAccessCidrs, endpoint) => {
    const cluster = Object.values(parse(synth({ publicAccessCidrs })).resource?.aws_eks_cluster ?? {})[0];
    expect(cluster.vpc_config).toEqual({ subnet_ids: SUBNETS, ...endpoint });
  });

  it("encrypts Kubernetes secrets with the customer key and ships all five control-plane log types", () => {
    expect(synth()).toHaveResourceWithProperties(EksClusterResource, {
      encryption_config: { resources: ["secrets"], provider: { key_arn: KEY } },
      enabled_cluster_log_types: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
    });
  });

  it("creates the control-plane log group, encrypted and with retention, before the cluster", () => {
    const json = parse(synth());
    const logGroup = element(json, "resource", "aws_cloudwatch_log_group", "Eks/LogGroup");
    expect(logGroup).toMatchObject({
      name: "/aws/eks/titan-primary-eks/cluster",
      kms_key_id: KEY,
      retention_in_days: 90,
    });
    const cluster = element(json, "resource", "aws_eks_cluster", "Eks");
    expect(cluster.depends_on).toContain(`aws_cloudwatch_log_group.${logGroup.logicalId}`);
    expect(synth()).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/aws/eks/titan-primary-eks/cluster" });
  });

  it("authenticates through access entries only, with no hidden admin for the creator", () => {
    expect(synth()).toHaveResourceWithProperties(EksClusterResource, {
      access_config: { authentication_mode: "API", bootstrap_cluster_creator_admin_permissions: false },
      upgrade_policy: { support_type: "STANDARD" },
    });
  });

  it("gives admins cluster admin and deploy roles edit rights in the app's namespace", () => {
    const json = synth({ adminRoleArns: [ADMIN], deployRoleArns: { "codebuild-deploy": DEPLOYER } });
    const parsed = parse(json);
    expect(element(parsed, "resource", "aws_eks_access_entry", "Admins/platform-admin/Entry")).toMatchObject({
      principal_arn: ADMIN,
      type: "STANDARD",
    });
    expect(element(parsed, "resource", "aws_eks_access_entry", "Deployers/codebuild-deploy/Entry")).toMatchObject({
      principal_arn: DEPLOYER,
    });
    expect(json).toHaveResourceWithProperties(EksAccessPolicyAssociation, {
      policy_arn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
      access_scope: { type: "cluster" },
    });
    expect(json).toHaveResourceWithProperties(EksAccessPolicyAssociation, {
      policy_arn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy",
      access_scope: { type: "namespace", namespaces: ["birthday"] },
    });
  });

  it("gives deploy roles cluster admin only when told to", () => {
    const json = synth({ deployRoleArns: { "codebuild-deploy": DEPLOYER }, deployAccessScope: "cluster" });
    expect(json).toHaveResourceWithProperties(EksAccessPolicyAssociation, {
      policy_arn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
      access_scope: { type: "cluster" },
    });
    expect(json).not.toHaveResourceWithProperties(EksAccessPolicyAssociation, {
      policy_arn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy",
    });
  });

  describe("the team workflow's roles", () => {
    const PLAN = `arn:aws:iam::${ACCOUNT}:role/titan-global-ci-plan`;
    const APPLY = `arn:aws:iam::${ACCOUNT}:role/titan-global-ci-apply`;
    const json = synth({
      planReaderRoleArns: { "titan-global-ci-plan": PLAN },
      pipelineAdminRoleArns: { "titan-global-ci-apply": APPLY },
    });
    const parsed = parse(json);
    const policyOf = (path: string) =>
      element(parsed, "resource", "aws_eks_access_policy_association", `${path}/Policy`).policy_arn;

    it("gives the plan role, which runs before any approval, EKS's view policy and the plan readers' group, never admin", () => {
      expect(
        element(parsed, "resource", "aws_eks_access_entry", "PlanReaders/titan-global-ci-plan/Entry"),
      ).toMatchObject({
        principal_arn: PLAN,
        kubernetes_groups: ["titan:plan-readers"],
      });
      expect(policyOf("PlanReaders/titan-global-ci-plan")).toBe(
        "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
      );
    });

    it("gives the apply role, which runs once reviewers approved, cluster admin", () => {
      expect(policyOf("PipelineAdmins/titan-global-ci-apply")).toBe(
        "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
      );
    });

    it("refuses the plan role in adminRoleArns, where the old setup instructions put it", () => {
      expect(() => synth({ adminRoleArns: [PLAN], planReaderRoleArns: { "titan-global-ci-plan": PLAN } })).toThrow(
        /adminRoleArns\[0\]: names the role "titan-global-ci-plan", which the ci config already gives its own access entry/,
      );
    });
  });

  it("registers the cluster's OIDC issuer for IRSA and exposes it without the scheme", () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(IamOpenidConnectProvider, {
      client_id_list: ["sts.amazonaws.com"],
      url: expect.stringMatching(/identity\[0\]\.oidc\[0\]\.issuer/),
    });
    expect(parse(json).output?.issuer.value).toMatch(
      /^\$\{replace\(.*identity\[0\]\.oidc\[0\]\.issuer, "https:\/\/", ""\)\}$/,
    );
  });

  it("gives the control plane the EKS cluster policy", () => {
    expect(synth()).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
    });
  });

  test.each([
    [
      { kubernetesVersion: "1.32.1" },
      /kubernetesVersion: must be a Kubernetes minor version such as 1\.35.*got "1\.32\.1"/,
    ],
    [{ privateSubnetIds: ["subnet-0a1b2c3d4e5f60001"] }, /at least two AZs/],
    [{ publicAccessCidrs: ["0.0.0.0/0"] }, /0\.0\.0\.0\/0, which opens the API endpoint to the internet/],
    [
      { logRetentionDays: 10 },
      /retentionDays: must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 54.*got 10/,
    ],
    [
      { adminRoleArns: ["platform-admin"] },
      /adminRoleArns\[0\]: must be an IAM role ARN such as arn:aws:iam::123456789012:role\/deploye.*got "platform-admin"/,
    ],
    [
      { adminRoleArns: [ADMIN, ADMIN] },
      /adminRoleArns\[1\]: names the role "platform-admin" again; EKS allows one access entry per/,
    ],
    [
      { adminRoleArns: [ADMIN], deployRoleArns: { deploy: ADMIN } },
      /adminRoleArns\[0\]: arn:aws:iam::111122223333:role\/platform-admin is a deploy role too; ke/,
    ],
    [
      { deployRoleArns: { "deploy/ci": DEPLOYER } },
      /deployRoleArns: key "deploy\/ci" must be letters, digits and hyphens \(it names the acce/,
    ],
    [{ deployRoleArns: { deploy: DEPLOYER }, deployNamespaces: [] }, /deployNamespaces: is empty/],
  ])("rejects %p", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
