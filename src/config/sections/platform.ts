import { z } from "zod";
import {
  EC2_INSTANCE_TYPE,
  KUBERNETES_VERSION,
  MAX_PUBLIC_ACCESS_CIDRS,
  MIN_SPOT_INSTANCE_TYPES,
  NODE_GROUP_MAX_SIZE,
  NODE_GROUP_SIZE,
  nodeGroupSizesProblem,
} from "../../modules/compute/limits";
import { APP_NAME, IMAGE_RETENTION_COUNT } from "../../modules/delivery/limits";
import { WEB_INSTANCES } from "../../modules/web/limits";
import { IAM_ROLE_ARN, nameInArn } from "../../validation/aws-identifiers";
import { GIT_BRANCH, TCP_PORT, textPattern, URL_PATH } from "../../validation/limits";
import { cidrAnySize, matching, perState, wholeNumber } from "./common";

/** What serves the app: its identity, DNS names, the web runtime, Kubernetes and delivery. */

const GITHUB_REPOSITORY = textPattern(/^[A-Za-z0-9._-]{1,100}$/, "a GitHub repository name");

const hostname = matching(
  textPattern(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    "a lowercase DNS name such as api.example.com",
  ),
);

export const domainSchema = z
  .strictObject({
    zoneName: hostname.describe("The existing public hosted zone's name"),
    hostedZoneId: matching(
      textPattern(/^Z[A-Z0-9]{1,31}$/, "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ"),
    ).describe("Id of that public hosted zone: certificates are validated and the API's records created in it"),
    apiHostname: hostname.describe("Public name of the API, served by CloudFront and failed over by Route 53"),
    internalZoneName: hostname.describe("Private zone in each VPC holding the generic DB names"),
  })
  .superRefine((value, ctx) => {
    if (!value.apiHostname.endsWith(`.${value.zoneName}`)) {
      ctx.addIssue({
        code: "custom",
        path: ["apiHostname"],
        message: `"${value.apiHostname}" is not inside the zone "${value.zoneName}"`,
      });
    }
  });

export const webSchema = z.strictObject({
  runtime: z
    .enum(["eks", "ec2"])
    .describe('"eks" (seed 003: pods behind the ALB) or "ec2" (seed 000: t3.micro instances from the region\'s AMI)'),
  instanceType: matching(EC2_INSTANCE_TYPE).describe("EC2 instance type of the web tier (web.runtime = ec2)"),
  instances: perState(
    wholeNumber(WEB_INSTANCES, "instances"),
    "EC2 web instances (web.runtime = ec2; the group may grow to twice this)",
  ),
});

export const appSchema = z.strictObject({
  name: matching(APP_NAME).describe("The app's name: its ECR repositories, Helm release, log group and X-Ray service"),
  port: wholeNumber(TCP_PORT, "TCP port").describe("Port the app listens on inside its pods or instances"),
  healthCheckPath: matching(URL_PATH).describe(
    "Path the ALB, Route 53 and Kubernetes probe; answer 200 when the app can serve",
  ),
});

const nodeGroupSize = z
  .strictObject({
    min: wholeNumber(NODE_GROUP_SIZE, "nodes").describe(
      "Fewest nodes the cluster autoscaler keeps, over all the region's zones (each zone's group gets its share)",
    ),
    max: wholeNumber(NODE_GROUP_MAX_SIZE, "nodes").describe(
      "Most nodes the cluster autoscaler may run, over all the region's zones; at least one per zone",
    ),
    desired: wholeNumber(NODE_GROUP_SIZE, "nodes").describe(
      "Size at creation, over all the region's zones; afterwards each group keeps the cluster autoscaler's value, raised to its min when min rises",
    ),
  })
  .superRefine((value, ctx) => {
    const problem = nodeGroupSizesProblem(value);
    if (problem !== undefined) {
      ctx.addIssue({ code: "custom", path: [value.min > value.max ? "min" : "desired"], message: problem });
    }
  });

export const kubernetesSchema = z.strictObject({
  version: matching(KUBERNETES_VERSION).describe(
    "EKS Kubernetes version; titan warns 90 days before its end of standard support",
  ),
  supportType: z
    .enum(["STANDARD", "EXTENDED"])
    .describe(
      "What EKS does when the version leaves standard support: EXTENDED keeps it (billed as extended support) " +
        "until you upgrade; STANDARD lets AWS upgrade the control plane, after which every plan proposes a " +
        "downgrade EKS refuses",
    ),
  nodeInstanceType: matching(EC2_INSTANCE_TYPE).describe(
    "EC2 instance type of the on-demand node groups (one per zone)",
  ),
  nodes: perState(nodeGroupSize, "On-demand nodes (one managed node group per zone, these totals split over them)"),
  spot: z.strictObject({
    enabled: z.boolean().describe("A spot node group for non-critical workloads (seed 003's cost section)"),
    instanceTypes: z
      .array(matching(EC2_INSTANCE_TYPE))
      .min(MIN_SPOT_INSTANCE_TYPES, {
        message: `spot needs at least ${MIN_SPOT_INSTANCE_TYPES} instance types to find capacity`,
      })
      .describe("EC2 instance types the spot group may launch, at least two so capacity can be found"),
    max: wholeNumber(NODE_GROUP_MAX_SIZE, "nodes").describe("Most spot nodes the cluster autoscaler may run"),
  }),
  publicAccessCidrs: z
    .array(cidrAnySize)
    .max(MAX_PUBLIC_ACCESS_CIDRS, { message: `EKS accepts at most ${MAX_PUBLIC_ACCESS_CIDRS} CIDR blocks` })
    .describe("CIDRs allowed to reach the public API endpoint; empty keeps the endpoint private only"),
  adminRoleArns: z
    .array(matching(IAM_ROLE_ARN))
    .superRefine((arns, ctx) => {
      const names = arns.map((arn) => nameInArn(arn, IAM_ROLE_ARN));
      names.forEach((name, index) => {
        if (name !== undefined && names.indexOf(name) !== index) {
          ctx.addIssue({
            code: "custom",
            path: [index],
            message: `names the role "${name}" again; EKS allows one access entry per role`,
          });
        }
      });
    })
    .describe("IAM roles granted cluster admin through access entries; include the one that applies the *-k8s stacks"),
});

export const deliverySchema = z.strictObject({
  githubOwner: matching(textPattern(/^[A-Za-z0-9-]{1,39}$/, "a GitHub user or organisation")).describe(
    "GitHub user or organisation owning the app's and this repository",
  ),
  githubRepo: matching(GITHUB_REPOSITORY).describe("The app's repository: its pushes build and release the image"),
  branch: matching(GIT_BRANCH).describe("Branch of githubRepo whose pushes release"),
  chartRepo: matching(GITHUB_REPOSITORY).describe(
    "This repository (titan) on GitHub, under githubOwner: the pipeline packages helm-chart/ from it",
  ),
  chartBranch: matching(GIT_BRANCH).describe("Branch of chartRepo whose helm-chart/ is released"),
  imageRetentionCount: wholeNumber(IMAGE_RETENTION_COUNT, "images").describe("Images ECR keeps per repository"),
});
