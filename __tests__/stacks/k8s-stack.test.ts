import { Testing } from "cdktf";
import type { RegionRole } from "../../src/config";
import { K8sStack } from "../../src/stacks/k8s-stack";
import { buildApp, resourcesOf, type SynthesizedStack, synthJson, testConfig } from "../support/synth";

type Release = {
  name: string;
  namespace: string;
  repository: string;
  chart: string;
  version: string;
  atomic: boolean;
  wait: boolean;
  timeout: number;
  values: string[];
  depends_on?: string[];
};

describe.each<RegionRole>(["primary", "dr"])("K8sStack (%s)", (role) => {
  const stacks = buildApp();
  const k8s = synthJson(role === "primary" ? stacks.primaryK8s : stacks.drK8s);
  const regional = synthJson(stacks[role]);
  const region = role === "primary" ? "us-east-2" : "us-west-1";
  const releases = Object.values(resourcesOf(k8s, "helm_release")) as unknown as Release[];
  const release = (name: string) => {
    const found = releases.find((candidate) => candidate.name === name);
    if (!found) {
      throw new Error(`no release ${name}`);
    }
    return { ...found, valuesObject: JSON.parse(found.values[0]) };
  };

  it("creates the app's namespace with the load balancer controller's readiness gates switched on", () => {
    const namespaces = Object.values(resourcesOf(k8s, "kubernetes_namespace_v1")) as {
      metadata: { name: string; labels: Record<string, string> };
    }[];
    const app = namespaces.find((namespace) => namespace.metadata.name === "birthday");
    expect(app?.metadata.labels["elbv2.k8s.aws/pod-readiness-gate-inject"]).toBe("enabled");
  });

  it("annotates the app's service account with the IRSA role the regional stack creates", () => {
    const [account] = Object.values(resourcesOf(k8s, "kubernetes_service_account_v1")) as {
      metadata: { name: string; annotations: Record<string, string> };
    }[];
    const roleName = `titan-${role}-irsa-app`;
    expect(account.metadata.name).toBe("birthday-app");
    expect(account.metadata.annotations["eks.amazonaws.com/role-arn"]).toBe(
      `arn:aws:iam::\${data.aws_caller_identity.Account.account_id}:role/${roleName}`,
    );
    const roles = Object.values(resourcesOf(regional, "aws_iam_role")).map((iamRole) => iamRole.name);
    expect(roles).toContain(roleName);
  });

  it("pulls the platform's images through the region's ECR cache, except the two only Docker Hub serves", () => {
    const registry = `\${data.aws_caller_identity.Account.account_id}.dkr.ecr.${region}.amazonaws.com`;
    const cached = (prefix: string, path: string) => ({ registry, repository: `titan-${prefix}/${path}` });
    expect(release("aws-load-balancer-controller").valuesObject.image).toEqual({
      repository: `${registry}/titan-ecr-public/eks/aws-load-balancer-controller`,
    });
    expect(release("cluster-autoscaler").valuesObject.image.repository).toBe(
      `${registry}/titan-k8s/autoscaling/cluster-autoscaler`,
    );
    const monitoring = release("kube-prometheus-stack").valuesObject;
    expect({
      operator: monitoring.prometheusOperator.image,
      reloader: monitoring.prometheusOperator.prometheusConfigReloader.image,
      prometheus: monitoring.prometheus.prometheusSpec.image,
      kubeStateMetrics: monitoring["kube-state-metrics"].image,
      nodeExporter: monitoring["prometheus-node-exporter"].image,
      grafanaSidecar: monitoring.grafana.sidecar.image,
    }).toEqual({
      operator: cached("quay", "prometheus-operator/prometheus-operator"),
      reloader: cached("quay", "prometheus-operator/prometheus-config-reloader"),
      prometheus: cached("quay", "prometheus/prometheus"),
      kubeStateMetrics: cached("k8s", "kube-state-metrics/kube-state-metrics"),
      nodeExporter: cached("quay", "prometheus/node-exporter"),
      grafanaSidecar: cached("quay", "kiwigrid/k8s-sidecar"),
    });
    // ECR caches Docker Hub only with an account's credentials: README says so, and why it is acceptable.
    expect(release("otel-collector").valuesObject.image).toEqual({
      repository: "otel/opentelemetry-collector-contrib",
    });
    expect(monitoring.grafana.image).toBeUndefined();
  });

  it("installs the four platform charts, pinned, atomic, waited for and time-boxed", () => {
    expect(releases.map((candidate) => [candidate.name, candidate.chart, candidate.version]).sort()).toEqual([
      ["aws-load-balancer-controller", "aws-load-balancer-controller", "3.5.0"],
      ["cluster-autoscaler", "cluster-autoscaler", "9.59.0"],
      ["kube-prometheus-stack", "kube-prometheus-stack", "88.5.3"],
      ["otel-collector", "opentelemetry-collector", "0.170.0"],
    ]);
    for (const candidate of releases) {
      expect(candidate).toMatchObject({ atomic: true, wait: true, timeout: expect.any(Number) });
    }
  });

  it("gives every IRSA-bound chart the service account and role its trust policy names", () => {
    const trusted = Object.values(regional.data?.aws_iam_policy_document ?? {})
      .flatMap((document) => (document.statement as { condition?: { values: string[] }[] }[] | undefined) ?? [])
      .flatMap((statement) => statement.condition ?? [])
      .flatMap((condition) => condition.values);
    const arn = (name: string) =>
      `arn:aws:iam::\${data.aws_caller_identity.Account.account_id}:role/titan-${role}-irsa-${name}`;
    const lbc = release("aws-load-balancer-controller");
    expect(lbc.namespace).toBe("kube-system");
    expect(lbc.valuesObject.serviceAccount).toEqual({
      create: true,
      name: "aws-load-balancer-controller",
      annotations: { "eks.amazonaws.com/role-arn": arn("lb-controller") },
    });
    const autoscaler = release("cluster-autoscaler");
    expect(autoscaler.valuesObject.rbac.serviceAccount.annotations["eks.amazonaws.com/role-arn"]).toBe(
      arn("cluster-autoscaler"),
    );
    const collector = release("otel-collector");
    expect(collector.namespace).toMatch(
      /^\$\{kubernetes_namespace_v1\.Platform_TracingNamespace_\w+\.metadata\[0\]\.name\}$/,
    );
    const namespaces = Object.values(resourcesOf(k8s, "kubernetes_namespace_v1")).map(
      (namespace) => (namespace.metadata as { name: string }).name,
    );
    expect(namespaces).toContain("observability");
    expect(collector.valuesObject.serviceAccount.annotations["eks.amazonaws.com/role-arn"]).toBe(arn("adot-collector"));
    expect(trusted).toEqual(
      expect.arrayContaining([
        "system:serviceaccount:kube-system:aws-load-balancer-controller",
        "system:serviceaccount:kube-system:cluster-autoscaler",
        "system:serviceaccount:observability:adot-collector",
      ]),
    );
  });

  it("points the controller and the autoscaler at this region's cluster, and the autoscaler's image at its minor", () => {
    expect(release("aws-load-balancer-controller").valuesObject).toMatchObject({
      clusterName: `titan-${role}-eks`,
      region,
      vpcId: "${data.aws_eks_cluster.Cluster.vpc_config[0].vpc_id}",
      replicaCount: 2,
      enableServiceMutatorWebhook: false,
    });
    expect(release("cluster-autoscaler").valuesObject).toMatchObject({
      awsRegion: region,
      autoDiscovery: { clusterName: `titan-${role}-eks` },
      // The autoscaler's minor follows the cluster's (kubernetes.version, 1.35 by default).
      image: { tag: `v${testConfig().kubernetes.version}.0` },
    });
  });

  it("sends traces to X-Ray in this region through the collector's awsxray exporter, escaping the collector's own ${env:...}", () => {
    const { valuesObject, values } = release("otel-collector");
    expect(valuesObject.config.exporters).toEqual({ awsxray: { region } });
    expect(valuesObject.config.service.pipelines.traces.exporters).toEqual(["awsxray"]);
    expect(values[0]).toContain('"$${env:MY_POD_IP}:4318"');
  });

  it("keeps Prometheus on the encrypted gp3 class and takes Grafana's admin from the secret it fills through data_wo", () => {
    const monitoring = release("kube-prometheus-stack").valuesObject;
    expect(monitoring.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName).toBe(
      "gp3-encrypted",
    );
    expect(monitoring.grafana.admin).toEqual({
      existingSecret: "grafana-admin",
      userKey: "admin-user",
      passwordKey: "admin-password",
    });
    expect(monitoring.grafana.service).toEqual({ type: "ClusterIP" });
    const [storageClass] = Object.values(resourcesOf(k8s, "kubernetes_storage_class_v1")) as {
      parameters: Record<string, string>;
    }[];
    expect(storageClass.parameters).toMatchObject({
      type: "gp3",
      encrypted: "true",
      kmsKeyId: "${data.aws_kms_alias.DataKey.target_key_arn}",
    });
    expect(k8s.data?.aws_kms_alias?.DataKey).toEqual(expect.objectContaining({ name: `alias/titan-${role}-data` }));
    const secrets = Object.values(resourcesOf(k8s, "kubernetes_secret_v1")) as {
      metadata: { name: string };
      data_wo: Record<string, string>;
    }[];
    const grafana = secrets.find((secret) => secret.metadata.name === "grafana-admin");
    expect(Object.keys(grafana?.data_wo ?? {})).toEqual(["admin-password", "admin-user"]);
    const ephemeral = (k8s as unknown as { ephemeral: Record<string, Record<string, { secret_id: string }>> }).ephemeral
      .aws_secretsmanager_secret_version;
    expect(Object.values(ephemeral).map((read) => read.secret_id)).toContain(`titan-${role}-grafana-admin`);
  });

  it("lets the deploy role's group manage TargetGroupBindings in the app's namespace only", () => {
    const [binding] = Object.values(resourcesOf(k8s, "kubernetes_role_binding_v1")) as {
      metadata: { namespace: string };
      subject: { kind: string; name: string }[];
    }[];
    expect(binding.metadata.namespace).toMatch(/^\$\{kubernetes_namespace_v1\.App_\w+\.metadata\[0\]\.name\}$/);
    expect(binding.subject).toEqual([expect.objectContaining({ kind: "Group", name: "titan:app-deployers" })]);
    const entries = Object.values(resourcesOf(regional, "aws_eks_access_entry")) as { kubernetes_groups?: string[] }[];
    expect(entries.flatMap((entry) => entry.kubernetes_groups ?? [])).toEqual(["titan:app-deployers"]);
  });

  it("reads nothing outside its own region", () => {
    expect((k8s.provider?.aws ?? []).map((provider) => provider.region)).toEqual([region]);
    expect(k8s.data).not.toHaveProperty("terraform_remote_state");
  });
});

describe("the database bootstrap after a failover", () => {
  const afterFailover = buildApp(testConfig({ dr: { activeRole: "dr" } }));

  it("moves to DR with the writer, reading primary's secret from DR's replica with DR's own IRSA role", () => {
    expect(Object.keys(resourcesOf(synthJson(afterFailover.primaryK8s), "kubernetes_job_v1"))).toEqual([]);
    const drK8s = synthJson(afterFailover.drK8s);
    const jobs = Object.values(resourcesOf(drK8s, "kubernetes_job_v1")) as {
      spec: { template: { spec: { init_container: { env: { name: string; value: string }[] }[] } } };
    }[];
    expect(jobs).toHaveLength(1);
    const [init] = jobs[0].spec.template.spec.init_container;
    expect(Object.fromEntries(init.env.map((v) => [v.name, v.value]))).toMatchObject({
      MASTER_SECRET_ID: "titan-primary-db-master",
      AWS_REGION: "us-west-1",
    });
    const accounts = Object.values(resourcesOf(drK8s, "kubernetes_service_account_v1")) as {
      metadata: { name: string; annotations: Record<string, string> };
    }[];
    expect(accounts.find((a) => a.metadata.name === "db-bootstrap")?.metadata.annotations).toMatchObject({
      "eks.amazonaws.com/role-arn": expect.stringMatching(/:role\/titan-dr-irsa-db-bootstrap$/),
    });
    const roleNames = (stack: SynthesizedStack) =>
      Object.values(resourcesOf(stack, "aws_iam_role")).map((role) => role.name);
    expect(roleNames(synthJson(afterFailover.dr))).toContain("titan-dr-irsa-db-bootstrap");
    expect(roleNames(synthJson(afterFailover.primary))).not.toContain("titan-primary-irsa-db-bootstrap");
  });
});

describe("k8s stacks and terraform validate", () => {
  it("cannot run toBeValidTerraform here: the helm and kubernetes providers are not installable offline", () => {
    // LOUD SKIP: `toBeValidTerraform` runs `terraform init`, which needs hashicorp/helm 3.1.1 and
    // hashicorp/kubernetes 2.38.0; this machine's mirror holds only hashicorp/aws 5.100.0 and there
    // is no registry access. `npm run validate -- --strict` validates these stacks where the
    // providers install (and fails, rather than skips, when they do not). What runs here instead:
    // the synthesized JSON is checked by type (cdktf bindings of the exact provider versions), by
    // these assertions, by each chart's zod schema and by the policy pack.
    console.warn(
      "SKIPPED: toBeValidTerraform for primary-k8s and dr-k8s (helm/kubernetes providers unavailable offline); run `npm run validate -- --strict` where they install",
    );
    const stack = new K8sStack(Testing.app(), "primary-k8s", {
      config: testConfig(),
      role: "primary",
      backend: "local",
    });
    const json = JSON.parse(Testing.synth(stack)) as {
      terraform: { required_providers: Record<string, { version: string }> };
    };
    expect(Object.keys(json.terraform.required_providers).sort()).toEqual(["aws", "helm", "kubernetes"]);
  });
});
