import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Testing } from "cdktf";
import { WorkloadRoles, type WorkloadRolesProps } from "../../../src/modules/compute/workload-roles";
import { Namer } from "../../../src/naming";
import { allStatements, parse, type Statement, statements, statementWithSid } from "./synthesized";

const ACCOUNT = "111122223333";
const ISSUER = "oidc.eks.us-east-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`;
const KEY = `arn:aws:kms:us-east-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const DB_USER = `arn:aws:rds-db:us-east-2:${ACCOUNT}:dbuser:cluster-ABCDEFGHIJKLMNOPQRSTUVWXY0/birthday_app`;
const REPLICATION_GROUP = `arn:aws:elasticache:us-east-2:${ACCOUNT}:replicationgroup:titan-primary-redis`;
const REDIS_USER = `arn:aws:elasticache:us-east-2:${ACCOUNT}:user:titan-primary-redis-app`;

function synth(props: Partial<WorkloadRolesProps> = {}): string {
  return Testing.synthScope((scope) => {
    new WorkloadRoles(scope, "Roles", {
      namer: new Namer("titan", "primary"),
      region: "us-east-2",
      accountId: ACCOUNT,
      clusterName: "titan-primary-eks",
      oidcProviderArn: PROVIDER_ARN,
      oidcIssuerUrl: ISSUER,
      kmsKeyArn: KEY,
      appDatabaseUserArn: DB_USER,
      redisReplicationGroupArn: REPLICATION_GROUP,
      redisUserArn: REDIS_USER,
      ...props,
    });
  });
}

const json = parse(synth());
const permissions = (role: string): Statement[] => statements(json, `${role}/PermissionsPolicy`);

/** What every tracing role may do: X-Ray authorizes these calls on `*` only. */
const SEND_TRACES_AND_SAMPLE = {
  sid: "SendTracesAndSample",
  actions: [
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "xray:GetSamplingRules",
    "xray:GetSamplingTargets",
    "xray:GetSamplingStatisticSummaries",
  ],
  resources: ["*"],
};

describe("WorkloadRoles", () => {
  test.each([
    ["AdotCollector", "observability", "adot-collector"],
    ["ClusterAutoscaler", "kube-system", "cluster-autoscaler"],
    ["LoadBalancerController", "kube-system", "aws-load-balancer-controller"],
    ["EbsCsiDriver", "kube-system", "ebs-csi-controller-sa"],
    ["App", "birthday", "birthday-app"],
  ])("%s is assumed only by %s/%s through the OIDC provider", (role, namespace, serviceAccount) => {
    expect(statements(json, `${role}/TrustPolicy`)).toEqual([
      expect.objectContaining({
        actions: ["sts:AssumeRoleWithWebIdentity"],
        principals: [{ type: "Federated", identifiers: [PROVIDER_ARN] }],
        condition: [
          {
            test: "StringEquals",
            variable: `${ISSUER}:sub`,
            values: [`system:serviceaccount:${namespace}:${serviceAccount}`],
          },
          { test: "StringEquals", variable: `${ISSUER}:aud`, values: ["sts.amazonaws.com"] },
        ],
      }),
    ]);
  });

  it('grants no "*" action and no whole-service "<service>:*" action', () => {
    const all = allStatements(json);
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter((statement) => statement.actions?.includes("*"))).toEqual([]);
    expect(all.filter((statement) => statement.actions?.some((action) => action.endsWith(":*")))).toEqual([]);
  });

  it("lets the autoscaler scale only the Auto Scaling groups tagged as owned by this cluster", () => {
    const scale = statementWithSid(permissions("ClusterAutoscaler"), "ScaleOnlyThisClustersNodeGroups");
    expect(scale.actions).toEqual([
      "autoscaling:SetDesiredCapacity",
      "autoscaling:TerminateInstanceInAutoScalingGroup",
    ]);
    expect(scale.condition).toEqual([
      {
        test: "StringEquals",
        variable: "aws:ResourceTag/k8s.io/cluster-autoscaler/titan-primary-eks",
        values: ["owned"],
      },
    ]);
    const describe = statementWithSid(permissions("ClusterAutoscaler"), "DiscoverNodeGroups");
    expect(describe.actions?.every((action) => /:(Describe|Get)/.test(action))).toBe(true);
    expect(statementWithSid(permissions("ClusterAutoscaler"), "ReadThisClustersNodeGroups").resources).toEqual([
      `arn:aws:eks:us-east-2:${ACCOUNT}:nodegroup/titan-primary-eks/*/*`,
    ]);
  });

  it("lets the load balancer controller change only what carries its cluster tag, in this region and account", () => {
    const lb = permissions("LoadBalancerController");
    expect(statementWithSid(lb, "RegisterTargets").resources).toEqual([
      `arn:aws:elasticloadbalancing:us-east-2:${ACCOUNT}:targetgroup/*/*`,
    ]);
    expect(statementWithSid(lb, "CreateTaggedLoadBalancers").condition).toEqual([
      { test: "Null", variable: "aws:RequestTag/elbv2.k8s.aws/cluster", values: ["false"] },
    ]);
    expect(statementWithSid(lb, "ManageOwnLoadBalancers").condition).toEqual([
      { test: "Null", variable: "aws:ResourceTag/elbv2.k8s.aws/cluster", values: ["false"] },
    ]);
    const unscoped = lb.filter((statement) => statement.resources?.includes("*"));
    expect(unscoped.map((statement) => statement.sid)).toEqual(["Describe", "WebAclAndShield"]);
  });

  it("gives the EBS CSI driver the managed policy and grants on the customer key for AWS resources only", () => {
    expect(synth()).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
    });
    const grant = statementWithSid(permissions("EbsCsiDriver"), "GrantKeyToEbsOnly");
    expect(grant.resources).toEqual([KEY]);
    expect(grant.condition).toEqual([{ test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }]);
    expect(statementWithSid(permissions("EbsCsiDriver"), "UseKeyForVolumes").resources).toEqual([KEY]);
  });

  it("lets the app log in to Aurora as its own IAM user, connect to Redis and send traces, and read no secret", () => {
    expect(permissions("App")).toEqual([
      { sid: "ConnectToAuroraAsAppUser", actions: ["rds-db:connect"], resources: [DB_USER] },
      { sid: "ConnectToRedisAsAppUser", actions: ["elasticache:Connect"], resources: [REPLICATION_GROUP, REDIS_USER] },
      // Sampling rules too: without them the SDK falls back to local sampling and logs AccessDenied.
      SEND_TRACES_AND_SAMPLE,
    ]);
  });

  it("lets the ADOT collector send traces and read sampling rules, which X-Ray authorizes on * only", () => {
    expect(permissions("AdotCollector")).toEqual([SEND_TRACES_AND_SAMPLE]);
  });

  it("never grants the app a secret or a key", () => {
    const actions = permissions("App").flatMap((statement) => statement.actions ?? []);
    expect(actions.filter((action) => /^(secretsmanager|kms):/.test(action))).toEqual([]);
  });

  it("rejects a database user ARN that is not an rds-db:connect ARN", () => {
    expect(() => synth({ appDatabaseUserArn: "arn:aws:secretsmanager:us-east-2:111122223333:secret:db" })).toThrow(
      /appDatabaseUserArn must be an rds-db:connect ARN/,
    );
  });
});
