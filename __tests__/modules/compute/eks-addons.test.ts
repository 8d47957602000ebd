import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { EksAddons, type EksAddonsProps } from "../../../src/modules/compute/eks-addons";
import { EksNodeGroup } from "../../../src/modules/compute/node-group";
import { Namer } from "../../../src/naming";
import { element, parse } from "./synthesized";

const EBS_CSI_ROLE = "arn:aws:iam::111122223333:role/titan-primary-irsa-ebs-csi-driver";

function nodeGroup(scope: Construct): EksNodeGroup {
  return new EksNodeGroup(scope, "Nodes", {
    namer: new Namer("titan", "primary"),
    name: "general",
    clusterName: "titan-primary-eks",
    clusterPhysicalName: "titan-primary-eks",
    subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
    instanceTypes: ["t3.medium"],
    capacityType: "ON_DEMAND",
    minSize: 2,
    desiredSize: 2,
    maxSize: 4,
    kmsKeyArn: "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    clusterSecurityGroupId: "sg-0c1a5e7c1a5e70001",
  });
}

function synth(props: Partial<EksAddonsProps> = {}): string {
  return Testing.synthScope((scope) => {
    new EksAddons(scope, "Addons", {
      clusterName: "titan-primary-eks",
      nodeGroups: [nodeGroup(scope)],
      ebsCsiRoleArn: EBS_CSI_ROLE,
      ...props,
    });
  });
}

describe("EksAddons", () => {
  test.each(["vpc-cni", "kube-proxy", "eks-pod-identity-agent", "coredns", "aws-ebs-csi-driver"])(
    "installs %s as a managed add-on that owns its configuration",
    (addonName) => {
      expect(synth()).toHaveResourceWithProperties(EksAddon, {
        cluster_name: "titan-primary-eks",
        addon_name: addonName,
        resolve_conflicts_on_create: "OVERWRITE",
        resolve_conflicts_on_update: "OVERWRITE",
      });
    },
  );

  it("runs the EBS CSI controller under its IRSA role", () => {
    expect(synth()).toHaveResourceWithProperties(EksAddon, {
      addon_name: "aws-ebs-csi-driver",
      service_account_role_arn: EBS_CSI_ROLE,
    });
  });

  it("waits for nodes before the add-ons that run Deployments, and only those", () => {
    const json = parse(synth());
    const nodes = `aws_eks_node_group.${element(json, "resource", "aws_eks_node_group", "Nodes").logicalId}`;
    const dependsOn = (id: string) => element(json, "resource", "aws_eks_addon", `Addons/${id}`).depends_on;
    expect(dependsOn("CoreDns")).toEqual([nodes]);
    expect(dependsOn("EbsCsiDriver")).toEqual([nodes]);
    expect(dependsOn("VpcCni")).toBeUndefined();
    expect(dependsOn("KubeProxy")).toBeUndefined();
    expect(dependsOn("PodIdentityAgent")).toBeUndefined();
  });

  it("leaves versions to EKS's default unless pinned", () => {
    const json = parse(synth({ addonVersions: { coredns: "v1.11.4-eksbuild.2" } }));
    expect(element(json, "resource", "aws_eks_addon", "Addons/CoreDns").addon_version).toBe("v1.11.4-eksbuild.2");
    expect(element(json, "resource", "aws_eks_addon", "Addons/VpcCni").addon_version).toBeUndefined();
  });

  it("switches on the VPC CNI's network policy agent, so the NetworkPolicies titan writes are enforced", () => {
    const vpcCni = (json: ReturnType<typeof parse>) =>
      element(json, "resource", "aws_eks_addon", "Addons/VpcCni").configuration_values;
    expect(JSON.parse(String(vpcCni(parse(synth()))))).toEqual({ enableNetworkPolicy: "true" });
    expect(vpcCni(parse(synth({ networkPolicy: false })))).toBeUndefined();
    // Only the CNI carries configuration: the others run as EKS installs them.
    const json = parse(synth());
    for (const id of ["KubeProxy", "PodIdentityAgent", "CoreDns", "EbsCsiDriver", "MetricsServer"]) {
      expect(element(json, "resource", "aws_eks_addon", `Addons/${id}`).configuration_values).toBeUndefined();
    }
  });

  it("rejects an empty node group list, since coredns would never become ACTIVE", () => {
    expect(() => synth({ nodeGroups: [] })).toThrow(
      /nodeGroups: must list at least one node group \(coredns and the EBS CSI controller .*got none/,
    );
  });
});
