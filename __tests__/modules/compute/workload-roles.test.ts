import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Testing } from "cdktf";
import { WorkloadRoles, type WorkloadRolesProps } from "../../../src/modules/compute/workload-roles";
import { DatabaseCredentials } from "../../../src/modules/database/db-credentials";
import { Namer } from "../../../src/naming";
import { allStatements, parse, type Statement, statements, statementWithSid } from "./synthesized";

const ACCOUNT = "111122223333";
const ISSUER = "oidc.eks.us-east-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`;
const GRANTED = { sid: "GrantedByAResource", actions: ["rds-db:connect"], resources: ["arn:aws:rds-db:db/user"] };

/** The roles, with one grant to the app the way a resource's grant method adds it. */
function synth(props: Partial<WorkloadRolesProps> = {}): string {
  return Testing.synthScope((scope) => {
    const roles = new WorkloadRoles(scope, "Roles", {
      namer: new Namer("titan", "primary"),
      region: "us-east-2",
      accountId: ACCOUNT,
      clusterName: "titan-primary-eks",
      oidcProviderArn: PROVIDER_ARN,
      oidcIssuerUrl: ISSUER,
      ...props,
    });
    roles.app.addToPolicy(GRANTED);
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

  it("gives the EBS CSI driver the managed policy, and nothing of its own on a key (the key grants it)", () => {
    expect(synth()).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
    });
    expect(() => permissions("EbsCsiDriver")).toThrow();
  });

  it("lets the app send traces, and takes what resources grant it into the same inline policy", () => {
    expect(permissions("App")).toEqual([
      // Sampling rules too: without them the SDK falls back to local sampling and logs AccessDenied.
      SEND_TRACES_AND_SAMPLE,
      GRANTED,
    ]);
  });

  it("lets the ADOT collector send traces and read sampling rules, which X-Ray authorizes on * only", () => {
    expect(permissions("AdotCollector")).toEqual([SEND_TRACES_AND_SAMPLE]);
  });

  it("never grants the app a secret or a key of its own", () => {
    const actions = permissions("App").flatMap((statement) => statement.actions ?? []);
    expect(actions.filter((action) => /^(secretsmanager|kms):/.test(action))).toEqual([]);
  });

  describe("the database bootstrap's role", () => {
    const SECRET = `arn:aws:secretsmanager:us-east-2:${ACCOUNT}:secret:titan-primary-db-master-AbCdEf`;
    const KEY = `arn:aws:kms:us-east-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const withBootstrap = parse(synth({ masterSecret: { secretArn: SECRET, region: "us-east-2", kmsKeyArn: KEY } }));

    it("exists only where the master secret is given (the writer's region)", () => {
      expect(Object.keys(withBootstrap.resource?.aws_iam_role ?? {})).toContainEqual(
        expect.stringMatching(/^Roles_DbBootstrap_/),
      );
      expect(Object.keys(json.resource?.aws_iam_role ?? {})).not.toContainEqual(expect.stringMatching(/DbBootstrap/));
    });

    it("is assumed only by titan-db-bootstrap/db-bootstrap", () => {
      expect(statements(withBootstrap, "DbBootstrap/TrustPolicy")[0].condition?.[0]).toEqual({
        test: "StringEquals",
        variable: `${ISSUER}:sub`,
        values: ["system:serviceaccount:titan-db-bootstrap:db-bootstrap"],
      });
    });

    it("reads the master secret and decrypts it only through Secrets Manager, for that secret", () => {
      expect(statements(withBootstrap, "DbBootstrap/PermissionsPolicy")).toEqual([
        { sid: "ReadTheMasterSecret", actions: ["secretsmanager:GetSecretValue"], resources: [SECRET] },
        {
          sid: "DecryptItThroughSecretsManager",
          actions: ["kms:Decrypt"],
          resources: [KEY],
          condition: [
            { test: "StringEquals", variable: "kms:ViaService", values: ["secretsmanager.us-east-2.amazonaws.com"] },
            { test: "StringEquals", variable: "kms:EncryptionContext:SecretARN", values: [SECRET] },
          ],
        },
      ]);
    });

    it("in DR reads the replica by name, whose AWS-managed key Secrets Manager opens without a KMS grant", () => {
      const replica = DatabaseCredentials.replicaLocation(new Namer("titan", "primary"), "us-west-1", ACCOUNT);
      expect(statements(parse(synth({ masterSecret: replica })), "DbBootstrap/PermissionsPolicy")).toEqual([
        {
          sid: "ReadTheMasterSecret",
          actions: ["secretsmanager:GetSecretValue"],
          resources: [`arn:aws:secretsmanager:us-west-1:${ACCOUNT}:secret:titan-primary-db-master-??????`],
        },
      ]);
    });
  });
});
