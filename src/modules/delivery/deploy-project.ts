import { CodebuildProject } from "@cdktf/provider-aws/lib/codebuild-project";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { PropChecks } from "../../validation/prop-checks";
import { KUBERNETES_VERSION, kubectlVersionFor } from "../compute/limits";
import { SERVICE_ACCOUNTS, type ServiceAccountRef } from "../compute/service-accounts";
import type { AppReleaseValues } from "../k8s/app-release-values";
import { KUBERNETES_DNS_LABEL } from "../k8s/limits";
import { EncryptedLogGroup } from "../observability/log-group";
import { embeddedBuildspec } from "./buildspec";
import { CodeBuildRole, codeBuildProjectArn } from "./codebuild-role";
import { BUILD_TIMEOUT_MINUTES } from "./limits";
import { pipelineProjectConfig } from "./pipeline-project";

/** The deploy project's name in a region, for the pipeline that starts it. */
export function helmDeployProjectName(namer: Namer): string {
  return namer.name("helm-deploy");
}

export interface HelmDeployProjectProps {
  readonly namer: Namer;
  readonly region: string;
  readonly accountId: string;
  /** The app's name: the Helm release's name. */
  readonly appName: string;
  /** The region's EKS cluster. */
  readonly clusterName: string;
  /** The cluster's Kubernetes minor (`kubernetes.version`): the deploy installs a kubectl of it. */
  readonly kubernetesVersion: string;
  /**
   * Where the chart is installed, with the service account it runs as (created, with its IRSA
   * annotation, by the k8s stack; the deploy role may not create either).
   * @default SERVICE_ACCOUNTS.app - birthday/birthday-app
   */
  readonly serviceAccount?: ServiceAccountRef;
  /**
   * The app chart's values for this region (`appReleaseValues`): everything but the image tag,
   * so a release needs only a tag and a chart version, from the pipeline or a break-glass start.
   */
  readonly releaseValues: AppReleaseValues;
  /** The region's own repositories: DR deploys from its replicas. */
  readonly imageRepositoryUrl: string;
  readonly chartRepositoryUrl: string;
  readonly imageRepositoryArn: string;
  readonly chartRepositoryArn: string;
  /** The region's pipeline artifact bucket: release.env comes in from there. */
  readonly artifactBucketArn: string;
  /** The region's customer key, for artifacts and the log group. */
  readonly kmsKeyArn: string;
  /** Days CloudWatch keeps deploy logs; a value CloudWatch Logs accepts. */
  readonly logRetentionDays: number;
  readonly vpcId: string;
  /** Private subnets with a route to the cluster's endpoint and NAT egress (helm and kubectl downloads). */
  readonly subnetIds: readonly string[];
  /** Minutes before a hung deploy is stopped (it waits for replication, then for the rollout). @default 45 */
  readonly buildTimeoutMinutes?: number;
}

/**
 * The CodeBuild project that installs a release of the app's Helm chart in its region's cluster.
 * Each regional stack has one; the pipeline runs the primary's, then (after approval) the DR's.
 * The DR one also runs on its own while us-east-2 is down (break-glass): everything it reads, the
 * chart's values included, is in its own region.
 *
 * WHY in the VPC: the cluster's API endpoint is private, so the deploy runs in the private subnets
 * behind a security group that allows HTTPS out and nothing else. The cluster must let that group
 * in on 443, and grant {@link roleArn} an EKS access entry. It runs `buildspecs/deploy.yml`,
 * embedded at synth time (see {@link embeddedBuildspec}). Its role may describe this one cluster,
 * read the chart and check that the image arrived; it cannot push, and reading the artifacts is
 * all it does in S3. The `*` resources are `ecr:GetAuthorizationToken` and the EC2 Describe
 * calls CodeBuild makes to place its network interface, none of which take a resource.
 */
export class HelmDeployProject extends Construct {
  readonly project: CodebuildProject;
  readonly projectName: string;
  readonly role: CodeBuildRole;
  readonly roleArn: string;
  readonly securityGroup: SecurityGroup;
  readonly securityGroupId: string;
  readonly logGroup: EncryptedLogGroup;

  constructor(scope: Construct, id: string, props: HelmDeployProjectProps) {
    super(scope, id);
    const serviceAccount = props.serviceAccount ?? SERVICE_ACCOUNTS.app;
    const namespace = serviceAccount.namespace;
    const timeout = props.buildTimeoutMinutes ?? 45;
    new PropChecks(this)
      .require(
        props.releaseValues.serviceAccount.name === serviceAccount.name,
        "releaseValues.serviceAccount.name",
        `must be "${serviceAccount.name}", the service account the k8s stack creates, got "${props.releaseValues.serviceAccount.name}"`,
      )
      .matches("serviceAccount.namespace", namespace, KUBERNETES_DNS_LABEL)
      .matches("kubernetesVersion", props.kubernetesVersion, KUBERNETES_VERSION)
      .wholeNumber("buildTimeoutMinutes", timeout, BUILD_TIMEOUT_MINUTES)
      .notEmpty("subnetIds", props.subnetIds, "the region's private subnets")
      .throwIfAny();
    const name = helmDeployProjectName(props.namer);
    const arn = (resource: string) => `arn:aws:ec2:${props.region}:${props.accountId}:${resource}`;

    this.securityGroup = new SecurityGroup(this, "SecurityGroup", {
      name: props.namer.name("helm-deploy"),
      description: "Helm deploy builds: HTTPS out only (EKS endpoint, ECR, STS, downloads)",
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
      tags: { Name: props.namer.name("helm-deploy") },
    });
    this.securityGroupId = this.securityGroup.id;
    new VpcSecurityGroupEgressRule(this, "HttpsOut", {
      securityGroupId: this.securityGroup.id,
      description: "HTTPS to the cluster endpoint, AWS APIs and the helm and kubectl downloads",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
    });

    this.logGroup = new EncryptedLogGroup(this, "LogGroup", {
      logGroupName: `/aws/codebuild/${name}`,
      kmsKeyArn: props.kmsKeyArn,
      retentionDays: props.logRetentionDays,
    });
    const subnetArns = props.subnetIds.map((subnetId) => arn(`subnet/${subnetId}`));
    this.role = new CodeBuildRole(this, "Role", {
      roleName: props.namer.name("helm-deploy", "iamRole"),
      description: "Helm deploy: installs the app's chart in this region's EKS cluster",
      accountId: props.accountId,
      projectArn: codeBuildProjectArn(props.region, props.accountId, name),
      logGroupArn: this.logGroup.arn,
      artifactBucketArn: props.artifactBucketArn,
      artifactAccess: "read",
      kmsKeyArn: props.kmsKeyArn,
      statements: [
        {
          sid: "FindCluster",
          actions: ["eks:DescribeCluster"],
          resources: [`arn:aws:eks:${props.region}:${props.accountId}:cluster/${props.clusterName}`],
        },
        {
          // GetAuthorizationToken takes no resource: it returns a token for the whole registry.
          sid: "LogInToEcr",
          actions: ["ecr:GetAuthorizationToken"],
          resources: ["*"],
        },
        {
          sid: "WaitForReplicatedRelease",
          actions: ["ecr:DescribeImages"],
          resources: [props.imageRepositoryArn, props.chartRepositoryArn],
        },
        {
          sid: "PullChart",
          actions: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
          resources: [props.chartRepositoryArn],
        },
        {
          // Describe calls take no resource; CodeBuild makes them to place the build's interface.
          sid: "DescribeNetwork",
          actions: [
            "ec2:DescribeDhcpOptions",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets",
            "ec2:DescribeVpcs",
          ],
          resources: ["*"],
        },
        {
          sid: "AttachToPrivateSubnets",
          actions: ["ec2:CreateNetworkInterface"],
          resources: [arn("network-interface/*"), ...subnetArns, arn(`security-group/${this.securityGroup.id}`)],
        },
        {
          sid: "DetachFromPrivateSubnets",
          actions: ["ec2:DeleteNetworkInterface"],
          resources: [arn("network-interface/*")],
        },
        {
          sid: "LetCodeBuildUseTheInterface",
          actions: ["ec2:CreateNetworkInterfacePermission"],
          resources: [arn("network-interface/*")],
          condition: [
            { test: "ArnEquals", variable: "ec2:Subnet", values: subnetArns },
            { test: "StringEquals", variable: "ec2:AuthorizedService", values: ["codebuild.amazonaws.com"] },
          ],
        },
      ],
    });
    this.roleArn = this.role.arn;

    this.project = new CodebuildProject(this, "Resource", {
      ...pipelineProjectConfig({
        name,
        description: `Installs the ${props.appName} Helm chart in ${props.clusterName}`,
        roleArn: this.role.arn,
        timeoutMinutes: timeout,
        kmsKeyArn: props.kmsKeyArn,
        buildspec: "deploy",
        privileged: false,
        variables: {
          APP_NAME: props.appName,
          AWS_ACCOUNT_ID: props.accountId,
          CLUSTER_NAME: props.clusterName,
          KUBECTL_VERSION: kubectlVersionFor(props.kubernetesVersion),
          K8S_NAMESPACE: namespace,
          ECR_REGISTRY: `${props.accountId}.dkr.ecr.${props.region}.amazonaws.com`,
          IMAGE_REPOSITORY_URL: props.imageRepositoryUrl,
          CHART_REPOSITORY_URL: props.chartRepositoryUrl,
          // JSON with this region's generated values interpolated by Terraform (target group,
          // Redis endpoint): the deploy writes it to a values file as is.
          HELM_VALUES_JSON: JSON.stringify(props.releaseValues),
        },
        logGroupName: this.logGroup.name,
      }),
      // No source of its own: in the pipeline the release artifact arrives as the input; started
      // by hand (break-glass, see README) it runs the embedded buildspec with IMAGE_TAG and
      // CHART_VERSION given as overrides. A CODEPIPELINE project could not be started that way.
      source: { type: "NO_SOURCE", buildspec: embeddedBuildspec("deploy") },
      artifacts: { type: "NO_ARTIFACTS" },
      // Inside the VPC: the cluster's API endpoint is private.
      vpcConfig: {
        vpcId: props.vpcId,
        subnets: [...props.subnetIds],
        securityGroupIds: [this.securityGroup.id],
      },
      // The permissions before the project: CodeBuild may use the role as soon as the project exists.
      dependsOn: [this.role.policy],
    });
    this.projectName = this.project.name;
  }
}
