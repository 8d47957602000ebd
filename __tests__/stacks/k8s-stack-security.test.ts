import { PLAN_READERS_GROUP } from "../../src/modules/compute/cluster-access";
import { AWS_CLI_IMAGE, PSQL_IMAGE } from "../../src/modules/k8s/db-bootstrap";
import { fromTerraform, restrictedViolations } from "../support/pod-security-standard";
import { buildApp, resourcesOf, type SynthesizedStack, synthJson, testConfig } from "../support/synth";

const CI = { ci: { githubRepository: "octo-org/titan" } };
const PSA = "pod-security.kubernetes.io";

type Namespace = { metadata: { name: string; labels: Record<string, string> } };
type Rule = { api_groups?: string[]; resources?: string[]; verbs: string[] };
type Container = {
  name: string;
  image: string;
  command: string[];
  env: { name: string; value: string }[];
  env_from?: unknown;
};
type Job = {
  wait_for_completion: boolean;
  depends_on: string[];
  spec: { template: { spec: Record<string, unknown> & { container: Container[]; init_container: Container[] } } };
};

const namespaces = (stack: SynthesizedStack) =>
  Object.values(resourcesOf(stack, "kubernetes_namespace_v1")) as unknown as Namespace[];
const env = (container: Container) => Object.fromEntries(container.env.map((v) => [v.name, v.value]));

describe.each(["primaryK8s", "drK8s"] as const)("%s: Pod Security admission", (stackName) => {
  const k8s = synthJson(buildApp()[stackName]);

  // Where the workloads comply, restricted; monitoring runs node-exporter, which needs the host.
  const expected: Record<string, [enforce: string, report: string]> = {
    birthday: ["restricted", "restricted"],
    observability: ["restricted", "restricted"],
    monitoring: ["privileged", "baseline"],
    ...(stackName === "primaryK8s" ? { "titan-db-bootstrap": ["restricted", "restricted"] } : {}),
  };

  it("labels every namespace it creates with the profile it enforces, warns and audits", () => {
    const levels = Object.fromEntries(
      namespaces(k8s).map(({ metadata }) => [
        metadata.name,
        [metadata.labels[`${PSA}/enforce`], metadata.labels[`${PSA}/warn`], metadata.labels[`${PSA}/audit`]],
      ]),
    );
    expect(levels).toEqual(
      Object.fromEntries(
        Object.entries(expected).map(([name, [enforce, report]]) => [name, [enforce, report, report]]),
      ),
    );
  });
});

describe("the database bootstrap", () => {
  const stacks = buildApp();
  const primary = synthJson(stacks.primaryK8s);
  const dr = synthJson(stacks.drK8s);
  const regional = synthJson(stacks.primary);
  const [job] = Object.values(resourcesOf(primary, "kubernetes_job_v1")) as unknown as Job[];
  const pod = job.spec.template.spec;

  it("runs in the writer's region only, and waits for completion", () => {
    expect(Object.keys(resourcesOf(dr, "kubernetes_job_v1"))).toEqual([]);
    expect(namespaces(dr).map((n) => n.metadata.name)).not.toContain("titan-db-bootstrap");
    expect(job.wait_for_completion).toBe(true);
  });

  it("fetches the master secret itself through IRSA: no Kubernetes secret, no Terraform read of it", () => {
    expect(
      Object.values(resourcesOf(primary, "kubernetes_secret_v1")).map((s) => (s.metadata as { name: string }).name),
    ).toEqual(["grafana-admin"]);
    // No ephemeral or data read of the master secret anywhere in the k8s stack: its plan never opens it.
    const reads = primary as SynthesizedStack & { ephemeral?: object };
    const rendered = JSON.stringify({ ephemeral: reads.ephemeral, data: reads.data });
    expect(rendered).not.toContain("titan-primary-db-master");

    const [init] = pod.init_container;
    expect(init.image).toBe(
      `\${data.aws_caller_identity.Account.account_id}.dkr.ecr.us-east-2.amazonaws.com/titan-ecr-public/${AWS_CLI_IMAGE.path}:${AWS_CLI_IMAGE.tag}`,
    );
    expect(env(init)).toMatchObject({ MASTER_SECRET_ID: "titan-primary-db-master", AWS_REGION: "us-east-2" });
    const [psql] = pod.container;
    expect(psql.image).toBe(
      `\${data.aws_caller_identity.Account.account_id}.dkr.ecr.us-east-2.amazonaws.com/titan-ecr-public/${PSQL_IMAGE.path}:${PSQL_IMAGE.tag}`,
    );
    expect(psql.env_from).toBeUndefined();
    expect(env(psql)).toMatchObject({
      PGHOST: "db.titan.internal",
      PGDATABASE: "birthday",
      PGUSER: "birthday_admin",
      PGSSLMODE: "require",
    });
    expect(env(psql).BOOTSTRAP_SQL).toContain('GRANT rds_iam TO "birthday_app";');
    expect(Object.keys(env(psql))).not.toContain("PGPASSWORD");
  });

  it("runs under its own service account, whose IRSA role reads the master secret and nothing else", () => {
    const accounts = Object.values(resourcesOf(primary, "kubernetes_service_account_v1")) as {
      metadata: { name: string; annotations: Record<string, string> };
      automount_service_account_token: boolean;
    }[];
    const account = accounts.find((a) => a.metadata.name === "db-bootstrap");
    expect(account?.automount_service_account_token).toBe(false);
    expect(account?.metadata.annotations["eks.amazonaws.com/role-arn"]).toBe(
      "arn:aws:iam::${data.aws_caller_identity.Account.account_id}:role/titan-primary-irsa-db-bootstrap",
    );
    expect(pod.service_account_name).toMatch(/kubernetes_service_account_v1\.DatabaseBootstrap_ServiceAccount_/);
    expect(job.depends_on).toEqual([expect.stringMatching(/^kubernetes_service_account_v1\.DatabaseBootstrap_/)]);
    const roles = Object.values(resourcesOf(regional, "aws_iam_role")).map((r) => r.name);
    expect(roles).toContain("titan-primary-irsa-db-bootstrap");
    expect(Object.values(resourcesOf(synthJson(stacks.dr), "aws_iam_role")).map((r) => r.name)).not.toContain(
      "titan-dr-irsa-db-bootstrap",
    );
  });

  it("keeps the secret in memory only: both volumes are memory-backed emptyDirs", () => {
    const volumes = fromTerraform(pod.volume, "volume") as { name: string; emptyDir: { medium: string } }[];
    expect(volumes.map((v) => [v.name, v.emptyDir.medium])).toEqual([
      ["db-master", "Memory"],
      ["aws-home", "Memory"],
    ]);
  });

  it("is a pod the restricted profile admits", () => {
    expect(restrictedViolations(fromTerraform(pod) as Record<string, unknown>)).toEqual([]);
  });

  it("is isolated: nothing in, out only to DNS and the VPC's Aurora and HTTPS endpoints", () => {
    const policies = Object.values(resourcesOf(primary, "kubernetes_network_policy_v1")) as {
      metadata: { name: string; namespace: string };
      spec: { pod_selector: object; policy_types: string[]; egress?: { to: object[]; ports: object[] }[] };
    }[];
    expect(policies.map((p) => p.metadata.namespace)).toEqual([
      expect.stringMatching(/DatabaseBootstrap_Namespace/),
      expect.stringMatching(/DatabaseBootstrap_Namespace/),
    ]);
    const byName = Object.fromEntries(policies.map((p) => [p.metadata.name, p.spec]));
    expect(byName["default-deny"]).toEqual({ pod_selector: {}, policy_types: ["Ingress", "Egress"] });
    expect(byName["allow-dns-and-listed-egress"].egress?.map((rule) => [rule.to, rule.ports])).toEqual([
      [
        [
          {
            namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "kube-system" } },
            pod_selector: { match_labels: { "k8s-app": "kube-dns" } },
          },
        ],
        [
          { protocol: "UDP", port: "53" },
          { protocol: "TCP", port: "53" },
        ],
      ],
      [[{ ip_block: { cidr: "10.0.0.0/16" } }], [{ protocol: "TCP", port: "5432" }]],
      [[{ ip_block: { cidr: "10.0.0.0/16" } }], [{ protocol: "TCP", port: "443" }]],
    ]);
  });
});

describe("the restricted check itself", () => {
  it("refuses what would own a node: privileged, host namespaces, hostPath, root", () => {
    expect(
      restrictedViolations({
        hostPID: true,
        volumes: [{ name: "root", hostPath: { path: "/" } }],
        containers: [{ name: "x", securityContext: { privileged: true, runAsUser: 0 } }],
      }),
    ).toEqual([
      "pod sets hostPID",
      "volume root is hostPath",
      "container x is privileged",
      "container x may escalate privileges",
      "container x may run as root (runAsNonRoot unset)",
      "container x runs as uid 0",
      "container x has no RuntimeDefault or Localhost seccomp profile",
      "container x does not drop ALL capabilities",
    ]);
  });
});

describe.each(["primaryK8s", "drK8s"] as const)("%s: the CI plan role on the cluster", (stackName) => {
  const withCi = synthJson(buildApp(testConfig(CI))[stackName]);
  const clusterRoles = Object.values(resourcesOf(withCi, "kubernetes_cluster_role_v1")) as { rule: Rule[] }[];
  const roles = Object.values(resourcesOf(withCi, "kubernetes_role_v1")) as {
    metadata: { name: string; namespace: string };
    rule: Rule[];
  }[];

  it("reads only: every verb it is given is get, list or watch", () => {
    const readerRules = [
      ...clusterRoles.flatMap((r) => r.rule),
      ...roles.filter((r) => r.metadata.name.startsWith("titan:plan-reader")).flatMap((r) => r.rule),
    ];
    expect(readerRules.length).toBeGreaterThan(0);
    expect(new Set(readerRules.flatMap((r) => r.verbs))).toEqual(new Set(["get", "list", "watch"]));
  });

  it("reads secrets only where the platform's Helm releases and Terraform-written secrets live", () => {
    const secretReaders = roles.filter((r) => r.rule.some((rule) => rule.resources?.includes("secrets")));
    expect(secretReaders.map((r) => r.metadata.namespace)).toEqual([
      "kube-system",
      expect.stringMatching(/MonitoringNamespace/),
      expect.stringMatching(/TracingNamespace/),
    ]);
    expect(clusterRoles.flatMap((r) => r.rule).flatMap((rule) => rule.resources)).not.toContain("secrets");
  });

  it("binds all of it to the group the plan role's access entry carries", () => {
    const bindings = [
      ...Object.values(resourcesOf(withCi, "kubernetes_cluster_role_binding_v1")),
      ...Object.values(resourcesOf(withCi, "kubernetes_role_binding_v1")).filter((b) =>
        String((b.metadata as { name: string }).name).startsWith("titan:plan-reader"),
      ),
    ] as { subject: { kind: string; name: string }[] }[];
    expect(bindings).toHaveLength(4);
    for (const binding of bindings) {
      expect(binding.subject).toEqual([
        { kind: "Group", name: PLAN_READERS_GROUP, api_group: "rbac.authorization.k8s.io" },
      ]);
    }
  });

  it("is not granted without the team workflow", () => {
    const without = synthJson(buildApp()[stackName]);
    expect(resourcesOf(without, "kubernetes_cluster_role_v1")).toEqual({});
  });
});
