import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { Construct } from "constructs";
import { regionState } from "../../config";
import { EksAddons } from "../../modules/compute/eks-addons";
import { EksCluster } from "../../modules/compute/eks-cluster";
import { ImageCache } from "../../modules/compute/image-cache";
import { EksNodeGroup } from "../../modules/compute/node-group";
import { WorkloadRoles } from "../../modules/compute/workload-roles";
import { DatabaseCredentials } from "../../modules/database/db-credentials";
import { CiStack } from "../ci-stack";
import { buildFromConfig } from "../from-config";
import type { RegionContext, RegionParts } from "./context";

export interface RegionalCompute {
  readonly cluster: EksCluster;
  readonly roles: WorkloadRoles;
  readonly nodeGroups: readonly EksNodeGroup[];
  readonly imageCache: ImageCache;
}

/**
 * The team workflow's roles on the cluster, when the config builds them: the plan role reads (its
 * jobs run on every push, before any approval), the apply role administers (its jobs run once the
 * environment's reviewers approved). By name, from the ci stack, which deploys first.
 */
function ciClusterAccess(ctx: RegionContext) {
  if (ctx.config.ci.githubRepository === "") {
    return {};
  }
  const arn = (name: string) => `arn:aws:iam::${ctx.accountId}:role/${name}`;
  const plan = CiStack.planRoleName(ctx.config);
  const apply = CiStack.applyRoleName(ctx.config);
  return { planReaderRoleArns: { [plan]: arn(plan) }, pipelineAdminRoleArns: { [apply]: arn(apply) } };
}

/** The master secret as the region holds it: primary's own, or DR's replica (known by name). */
function masterSecretIn(ctx: RegionContext, credentials: DatabaseCredentials | undefined) {
  return credentials !== undefined
    ? credentials.locationIn(ctx.region.region)
    : DatabaseCredentials.replicaLocation(ctx.namer.forScope("primary"), ctx.region.region, ctx.accountId);
}

/**
 * The region's EKS cluster: private endpoint (public only for configured CIDRs), nodes in the
 * private subnets with the app security group (so pods reach Aurora and Redis), the IRSA roles,
 * add-ons, and the CodeBuild deploy project admitted both by access entry and by network.
 */
export function buildCompute(
  scope: Construct,
  ctx: RegionContext,
  parts: Pick<RegionParts, "foundation" | "dataTier" | "delivery">,
): RegionalCompute {
  const { config, role, namer } = ctx;
  const { network, securityGroups: groups } = parts.foundation;
  const { dataTier } = parts;
  const deploy = parts.delivery.deploy;
  const clusterName = EksCluster.clusterNameFor(namer);
  const k8s = config.kubernetes;
  const state = regionState(config, role);
  const cluster = buildFromConfig(
    EksCluster,
    scope,
    "Eks",
    {
      namer,
      region: ctx.region.region,
      accountId: ctx.accountId,
      clusterName,
      kubernetesVersion: k8s.version,
      upgradeSupportType: k8s.supportType,
      privateSubnetIds: network.privateSubnetIds,
      kmsKeyArn: ctx.key.arn,
      logRetentionDays: config.observability.logRetentionDays,
      publicAccessCidrs: k8s.publicAccessCidrs,
      adminRoleArns: k8s.adminRoleArns,
      deployRoleArns: { "helm-deploy": deploy.roleArn },
      ...ciClusterAccess(ctx),
    },
    {
      kubernetesVersion: "kubernetes.version",
      upgradeSupportType: "kubernetes.supportType",
      logRetentionDays: "observability.logRetentionDays",
      publicAccessCidrs: "kubernetes.publicAccessCidrs",
      adminRoleArns: "kubernetes.adminRoleArns",
    },
  );
  new VpcSecurityGroupIngressRule(scope, "EksApiFromDeploy", {
    securityGroupId: cluster.clusterSecurityGroupId,
    referencedSecurityGroupId: deploy.securityGroupId,
    ipProtocol: "tcp",
    fromPort: 443,
    toPort: 443,
    description: "Kubernetes API from the CodeBuild helm deploy project",
  });

  const roles = new WorkloadRoles(scope, "WorkloadRoles", {
    namer,
    region: ctx.region.region,
    accountId: ctx.accountId,
    clusterName: cluster.clusterName,
    oidcProviderArn: cluster.oidcProviderArn,
    oidcIssuerUrl: cluster.oidcIssuerUrl,
    // The database bootstrap runs in the writer's region (dr.activeRole) and reads primary's
    // master secret there: the secret itself in primary, its replica in DR.
    masterSecret: state !== "active" ? undefined : masterSecretIn(ctx, dataTier.credentials),
  });
  // The app signs IAM tokens for its own database user and cache user; no password anywhere.
  dataTier.aurora.grantConnect(roles.app, config.database.appUsername);
  dataTier.redis.grantConnect(roles.app, dataTier.redisAccess.appUserArn);
  // Persistent volumes (Prometheus's) are encrypted with the region's key.
  ctx.key.grantEncryptDecrypt(roles.ebsCsiDriver);
  ctx.key.grantToAwsResources(roles.ebsCsiDriver);

  const nodeDefaults = {
    namer,
    clusterName: cluster.clusterName,
    clusterPhysicalName: clusterName,
    subnetIds: network.privateSubnetIds,
    kmsKeyArn: ctx.key.arn,
    clusterSecurityGroupId: cluster.clusterSecurityGroupId,
    securityGroupIds: [groups.appId],
    kubernetesVersion: cluster.cluster.version,
  };
  // The live region runs at its active size, the other at its warm-standby size (dr.activeRole).
  const size = k8s.nodes[state];
  const nodeGroups = [
    buildFromConfig(
      EksNodeGroup,
      scope,
      "GeneralNodes",
      {
        ...nodeDefaults,
        name: "general",
        // A group per zone, so the autoscaler can add a node where a zonal volume needs one.
        zoneIds: network.plan.map((zone) => zone.zoneId),
        instanceTypes: [k8s.nodeInstanceType],
        capacityType: "ON_DEMAND",
        minSize: size.min,
        maxSize: size.max,
        desiredSize: size.desired,
      },
      {
        zoneIds: `regions.${role}.availabilityZones`,
        instanceTypes: "kubernetes.nodeInstanceType",
        minSize: `kubernetes.nodes.${state}.min`,
        maxSize: `kubernetes.nodes.${state}.max`,
        desiredSize: `kubernetes.nodes.${state}.desired`,
      },
    ),
  ];
  // Spot stays one group across the zones: spot capacity is found in the widest pool (every zone
  // times every instance type), and what runs there tolerates interruption and holds no volume.
  if (k8s.spot.enabled) {
    nodeGroups.push(
      buildFromConfig(
        EksNodeGroup,
        scope,
        "SpotNodes",
        {
          ...nodeDefaults,
          name: "spot",
          instanceTypes: k8s.spot.instanceTypes,
          capacityType: "SPOT",
          minSize: 0,
          maxSize: k8s.spot.max,
          desiredSize: 0,
        },
        { instanceTypes: "kubernetes.spot.instanceTypes", maxSize: "kubernetes.spot.max" },
      ),
    );
  }
  // Platform images come through the region's ECR: a failover's scale-out pulls nothing from the internet.
  const imageCache = new ImageCache(scope, "ImageCache", {
    project: config.project,
    region: ctx.region.region,
    accountId: ctx.accountId,
  });
  for (const group of nodeGroups) {
    imageCache.grantImport(group.node.id, group.role);
  }
  new EksAddons(scope, "EksAddons", {
    clusterName: cluster.clusterName,
    nodeGroups,
    ebsCsiRoleArn: roles.ebsCsiDriver.arn,
  });
  return { cluster, roles, nodeGroups, imageCache };
}
