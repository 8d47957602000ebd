import { z } from "zod";
import type { ImageCacheRef } from "../../compute/image-cache-names";
import { SERVICE_ACCOUNTS } from "../../compute/service-accounts";
import type { PinnedChart } from "./chart";
import { irsaAnnotation, replicas, resources, topologySpread, zoneSpread } from "./common";

export const LOAD_BALANCER_CONTROLLER_CHART: PinnedChart = {
  repository: "https://aws.github.io/eks-charts",
  chart: "aws-load-balancer-controller",
  version: "3.5.0",
};

export const loadBalancerControllerValues = z.strictObject({
  clusterName: z.string().min(1),
  region: z.string().min(1),
  vpcId: z.string().min(1),
  // ECR Public, through the region's pull through cache; the chart's tag.
  image: z.strictObject({ repository: z.string().min(1) }),
  replicaCount: replicas,
  serviceAccount: z.strictObject({
    create: z.literal(true),
    name: z.literal(SERVICE_ACCOUNTS.loadBalancerController.name),
    annotations: irsaAnnotation,
  }),
  // The Service mutator would make every `type: LoadBalancer` Service an NLB of the controller's,
  // and with the controller down it blocks Service creation; titan binds an existing group instead.
  enableServiceMutatorWebhook: z.literal(false),
  podDisruptionBudget: z.strictObject({ maxUnavailable: z.literal(1) }),
  topologySpreadConstraints: topologySpread,
  resources,
});

export type LoadBalancerControllerValues = z.infer<typeof loadBalancerControllerValues>;

export interface LoadBalancerControllerInput {
  readonly clusterName: string;
  readonly region: string;
  readonly vpcId: string;
  readonly replicas: number;
  readonly roleArn: string;
  readonly images: ImageCacheRef;
}

/**
 * AWS Load Balancer Controller: fills the regional stack's `ip` target group with the app's pod
 * IPs (the chart's TargetGroupBinding). It never creates load balancers of its own: the ALB and
 * its DNS name belong to the regional stack, which the global edge points at.
 */
export function buildLoadBalancerControllerValues(input: LoadBalancerControllerInput): LoadBalancerControllerValues {
  return {
    clusterName: input.clusterName,
    region: input.region,
    vpcId: input.vpcId,
    image: { repository: input.images.image("ecrPublic", "eks/aws-load-balancer-controller").url },
    replicaCount: input.replicas,
    serviceAccount: {
      create: true,
      name: SERVICE_ACCOUNTS.loadBalancerController.name,
      annotations: { "eks.amazonaws.com/role-arn": input.roleArn },
    },
    enableServiceMutatorWebhook: false,
    podDisruptionBudget: { maxUnavailable: 1 },
    topologySpreadConstraints: zoneSpread({ "app.kubernetes.io/name": "aws-load-balancer-controller" }),
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
  };
}
