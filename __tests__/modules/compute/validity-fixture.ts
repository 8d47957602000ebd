/** The compute modules wired together, validated with the other fixtures in validity.integration.test.ts. */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { EksAddons } from "../../../src/modules/compute/eks-addons";
import { EksCluster } from "../../../src/modules/compute/eks-cluster";
import { EksNodeGroup } from "../../../src/modules/compute/node-group";
import { WorkloadRoles } from "../../../src/modules/compute/workload-roles";
import { Namer } from "../../../src/naming";

const ACCOUNT = "111122223333";
const KEY = `arn:aws:kms:us-east-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const SUBNETS = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"];

/** The region's compute wired as the regional stack wires it: cluster, on-demand and spot nodes, add-ons, IRSA roles. */
export function computeStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "compute");
  new AwsProvider(stack, "aws", { region: "us-east-2" });
  const namer = new Namer("titan", "primary");
  const cluster = new EksCluster(stack, "Eks", {
    namer,
    region: "us-east-2",
    accountId: ACCOUNT,
    clusterName: namer.name("eks", "eksCluster"),
    kubernetesVersion: "1.32",
    privateSubnetIds: SUBNETS,
    kmsKeyArn: KEY,
    logRetentionDays: 90,
    publicAccessCidrs: ["203.0.113.0/24"],
    adminRoleArns: [`arn:aws:iam::${ACCOUNT}:role/platform-admin`],
    deployRoleArns: { "codebuild-deploy": `arn:aws:iam::${ACCOUNT}:role/titan-primary-codebuild-deploy` },
  });
  const roles = new WorkloadRoles(stack, "WorkloadRoles", {
    namer,
    region: "us-east-2",
    accountId: ACCOUNT,
    clusterName: cluster.clusterName,
    oidcProviderArn: cluster.oidcProviderArn,
    oidcIssuerUrl: cluster.oidcIssuerUrl,
  });
  const common = {
    namer,
    clusterName: cluster.clusterName,
    clusterPhysicalName: "titan-primary-eks",
    kubernetesVersion: cluster.cluster.version,
    subnetIds: SUBNETS,
    kmsKeyArn: KEY,
    clusterSecurityGroupId: cluster.clusterSecurityGroupId,
    securityGroupIds: ["sg-0a1b2c3d4e5f60001"],
  };
  const general = new EksNodeGroup(stack, "GeneralNodes", {
    ...common,
    name: "general",
    instanceTypes: ["t3.medium"],
    capacityType: "ON_DEMAND",
    minSize: 2,
    desiredSize: 3,
    maxSize: 6,
  });
  const spot = new EksNodeGroup(stack, "SpotNodes", {
    ...common,
    name: "spot",
    instanceTypes: ["t3.medium", "t3a.medium"],
    capacityType: "SPOT",
    minSize: 0,
    desiredSize: 0,
    maxSize: 4,
  });
  new EksAddons(stack, "Addons", {
    clusterName: cluster.clusterName,
    nodeGroups: [general, spot],
    ebsCsiRoleArn: roles.ebsCsiDriver.arn,
  });
  return stack;
}
