import { z } from "zod";
import type { ImageCacheRef } from "../../compute/image-cache-names";
import { SERVICE_ACCOUNTS } from "../../compute/service-accounts";
import { CLUSTER_AUTOSCALER_IMAGE_TAG, defaultAutoscalerImageTag } from "../limits";
import type { PinnedChart } from "./chart";
import { irsaAnnotation, replicas, resources } from "./common";

export const CLUSTER_AUTOSCALER_CHART: PinnedChart = {
  repository: "https://kubernetes.github.io/autoscaler",
  chart: "cluster-autoscaler",
  version: "9.59.0",
};

export const clusterAutoscalerValues = z.strictObject({
  cloudProvider: z.literal("aws"),
  awsRegion: z.string().min(1),
  autoDiscovery: z.strictObject({ clusterName: z.string().min(1) }),
  // registry.k8s.io, through the region's pull through cache.
  image: z.strictObject({
    repository: z.string().min(1),
    tag: z.string().regex(CLUSTER_AUTOSCALER_IMAGE_TAG.regex),
  }),
  replicaCount: replicas,
  rbac: z.strictObject({
    serviceAccount: z.strictObject({
      create: z.literal(true),
      name: z.literal(SERVICE_ACCOUNTS.clusterAutoscaler.name),
      annotations: irsaAnnotation,
    }),
  }),
  extraArgs: z.strictObject({
    "balance-similar-node-groups": z.literal(true),
    "skip-nodes-with-system-pods": z.literal(false),
    expander: z.enum(["least-waste", "priority", "random"]),
  }),
  resources,
});

export type ClusterAutoscalerValues = z.infer<typeof clusterAutoscalerValues>;

export interface ClusterAutoscalerInput {
  readonly clusterName: string;
  readonly region: string;
  /** The cluster's Kubernetes minor version, e.g. "1.32". */
  readonly kubernetesVersion: string;
  /** Checked against the version by the platform (autoscalerImageTagProblem). @default - `v<kubernetesVersion>.0` */
  readonly imageTag?: string;
  readonly replicas: number;
  readonly roleArn: string;
  readonly images: ImageCacheRef;
}

/**
 * cluster-autoscaler: grows and shrinks the managed node groups it discovers by the tags EKS puts
 * on their Auto Scaling groups (`k8s.io/cluster-autoscaler/<cluster>`), which is also the only
 * place its IAM role may scale. A zone's group at 0 nodes is scaled from zero: the autoscaler reads
 * its labels and taints with `eks:DescribeNodegroup` and its zone from its Auto Scaling group.
 */
export function buildClusterAutoscalerValues(input: ClusterAutoscalerInput): ClusterAutoscalerValues {
  return {
    cloudProvider: "aws",
    awsRegion: input.region,
    autoDiscovery: { clusterName: input.clusterName },
    image: {
      repository: input.images.image("kubernetes", "autoscaling/cluster-autoscaler").url,
      tag: input.imageTag ?? defaultAutoscalerImageTag(input.kubernetesVersion),
    },
    replicaCount: input.replicas,
    rbac: {
      serviceAccount: {
        create: true,
        name: SERVICE_ACCOUNTS.clusterAutoscaler.name,
        annotations: { "eks.amazonaws.com/role-arn": input.roleArn },
      },
    },
    extraArgs: {
      // The general nodes are one group per zone (same instance type, labels and launch template):
      // the autoscaler keeps the zones even, and a pod bound to a zone gets a node in that zone.
      "balance-similar-node-groups": true,
      // EKS puts system pods (coredns, the EBS CSI controller) on every node group.
      "skip-nodes-with-system-pods": false,
      expander: "least-waste",
    },
    resources: { requests: { cpu: "100m", memory: "300Mi" }, limits: { memory: "600Mi" } },
  };
}
