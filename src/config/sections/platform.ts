import { z } from "zod";
import { cidrAnySize, perState } from "./common";

/** What serves the app: its identity, DNS names, the web runtime, Kubernetes and delivery. */

const hostname = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
  message: "must be a lowercase DNS name such as api.example.com",
});

export const domainSchema = z
  .strictObject({
    zoneName: hostname.describe("The existing public hosted zone's name"),
    hostedZoneId: z
      .string()
      .regex(/^Z[A-Z0-9]{1,31}$/, { message: "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ" }),
    apiHostname: hostname.describe("Public name of the API, served by CloudFront and failed over by Route 53"),
    internalZoneName: hostname.describe("Private zone in each VPC holding the generic DB and cache names"),
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
  instanceType: z
    .string()
    .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { message: "must be an EC2 instance type such as t3.micro" }),
  instances: perState(z.int().min(1).max(20)).describe(
    "EC2 web instances in the active region and in the standby one (web.runtime = ec2); the group may grow to twice this",
  ),
});

export const appSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, { message: "must be lowercase letters, digits and hyphens" }),
  port: z.int().min(1).max(65535),
  healthCheckPath: z.string().regex(/^\/[A-Za-z0-9/_.-]*$/, { message: "must be a URL path such as /health" }),
});

const nodeGroupSize = z
  .strictObject({
    min: z.int().min(0).max(100),
    max: z.int().min(1).max(100),
    desired: z
      .int()
      .min(0)
      .max(100)
      .describe("Size at creation; afterwards the cluster autoscaler's value is kept, raised to min when min rises"),
  })
  .superRefine((value, ctx) => {
    if (value.min > value.max) {
      ctx.addIssue({ code: "custom", path: ["min"], message: `min ${value.min} is above max ${value.max}` });
    }
    if (value.desired < value.min || value.desired > value.max) {
      ctx.addIssue({
        code: "custom",
        path: ["desired"],
        message: `desired ${value.desired} must lie between min ${value.min} and max ${value.max}`,
      });
    }
  });

const iamRoleArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, { message: "must be an IAM role ARN" });

export const kubernetesSchema = z.strictObject({
  version: z
    .string()
    .regex(/^1\.\d{2}$/, { message: "must be a Kubernetes minor version such as 1.35" })
    .describe("EKS Kubernetes version; titan warns 90 days before its end of standard support"),
  supportType: z
    .enum(["STANDARD", "EXTENDED"])
    .describe(
      "What EKS does when the version leaves standard support: EXTENDED keeps it (billed as extended support) " +
        "until you upgrade; STANDARD lets AWS upgrade the control plane, after which every plan proposes a " +
        "downgrade EKS refuses",
    ),
  nodeInstanceType: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { message: "must be an EC2 instance type" }),
  nodes: perState(nodeGroupSize).describe(
    "On-demand managed node group size in the active region and in the warm-standby one (see dr.activeRole)",
  ),
  spot: z.strictObject({
    enabled: z.boolean().describe("A spot node group for non-critical workloads (seed 003's cost section)"),
    instanceTypes: z.array(z.string()).min(2, { message: "spot needs at least 2 instance types to find capacity" }),
    max: z.int().min(1).max(100),
  }),
  publicAccessCidrs: z
    .array(cidrAnySize)
    .describe("CIDRs allowed to reach the public API endpoint; empty keeps the endpoint private only"),
  adminRoleArns: z.array(iamRoleArn).describe("IAM roles granted cluster admin through access entries"),
});

export const deliverySchema = z.strictObject({
  githubOwner: z.string().regex(/^[A-Za-z0-9-]{1,39}$/, { message: "must be a GitHub user or organisation" }),
  githubRepo: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, { message: "must be a GitHub repository name" }),
  branch: z.string().min(1),
  chartRepo: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/, { message: "must be a GitHub repository name" })
    .describe("This repository (titan) on GitHub, under githubOwner: the pipeline packages helm-chart/ from it"),
  chartBranch: z.string().min(1).describe("Branch of chartRepo whose helm-chart/ is released"),
  imageRetentionCount: z.int().min(1).max(1000).describe("Images ECR keeps per repository"),
});
