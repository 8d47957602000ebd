import Ajv from "ajv";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { Service } from "kubernetes-models/v1";
import type { RegionRole } from "../../src/config";
import { appDatabaseEnvironment } from "../../src/modules/database/app-connection";
import { restrictedViolations } from "../support/pod-security-standard";
import { buildApp, resourcesOf, synthJson } from "../support/synth";
import { helm, type K8sObject, renderedObjects } from "./rendered";
import { TARGET_GROUP_BINDING_SCHEMA } from "./target-group-binding.schema";

const IMAGE_TAG = "0123456789abcdef0123456789abcdef01234567";

/** What Terraform puts where the synthesized JSON holds a reference, per kind of reference. */
const GENERATED: [RegExp, (region: string) => string][] = [
  [
    /^aws_lb_target_group\.[\w-]+\.arn$/,
    (r) => `arn:aws:elasticloadbalancing:${r}:111122223333:targetgroup/titan-app-pods/0123456789abcdef`,
  ],
  [
    /^aws_elasticache_replication_group\.[\w-]+\.primary_endpoint_address$/,
    (r) => `master.titan-redis.abc123.${r}.cache.amazonaws.com`,
  ],
  [/^aws_ecr_repository\.[\w-]+\.repository_url$/, (r) => `111122223333.dkr.ecr.${r}.amazonaws.com/birthday-app`],
  [/^aws_elasticache_user\.[\w-]+\.user_id$/, () => "titan-redis-app"],
  [/^aws_elasticache_replication_group\.[\w-]+\.(id|replication_group_id)$/, () => "titan-redis"],
  [/^data\.aws_caller_identity\.[\w-]+\.account_id$/, () => "111122223333"],
];

/** The chart values a region's deploy project carries, with Terraform's references filled in. */
function deployedValues(role: RegionRole): unknown {
  const stacks = buildApp();
  const stack = synthJson(stacks[role]);
  const region = stacks[role].config.regions[role].region;
  const [project] = Object.values(resourcesOf(stack, "aws_codebuild_project")).filter((candidate) =>
    String(candidate.name).endsWith("-helm-deploy"),
  ) as { environment: { environment_variable: { name: string; value: string }[] } }[];
  const json = project.environment.environment_variable.find((variable) => variable.name === "HELM_VALUES_JSON")?.value;
  if (json === undefined) {
    throw new Error(`${role}'s deploy project has no HELM_VALUES_JSON`);
  }
  const filled = json.replace(/\$\{([^}]+)\}/g, (_match, reference: string) => {
    const known = GENERATED.find(([pattern]) => pattern.test(reference));
    if (!known) {
      throw new Error(`HELM_VALUES_JSON refers to ${reference}: teach this test a plausible value for it`);
    }
    return known[1](region);
  });
  return JSON.parse(filled);
}

const MODELS: Record<string, (object: K8sObject) => { validate(): void }> = {
  "apps/v1/Deployment": (object) => new Deployment(object as never),
  "v1/Service": (object) => new Service(object as never),
  "autoscaling/v2/HorizontalPodAutoscaler": (object) => new HorizontalPodAutoscaler(object as never),
  "policy/v1/PodDisruptionBudget": (object) => new PodDisruptionBudget(object as never),
};
const validateTargetGroupBinding = new Ajv({ allErrors: true, strict: true }).compile(TARGET_GROUP_BINDING_SCHEMA);

describe.each<RegionRole>(["primary", "dr"])("helm-chart/ with the values the %s deploy project passes", (role) => {
  const values = deployedValues(role) as { autoscaling: { minReplicas: number; maxReplicas: number } };
  const objects = renderedObjects(helm("template", values, IMAGE_TAG));
  const byKind = (kind: string) => objects.filter((object) => object.kind === kind);

  it("passes helm lint --strict, values schema included", () => {
    const lint = helm("lint", values, IMAGE_TAG);
    expect(lint.stderr + lint.stdout).not.toMatch(/\[ERROR\]|\[WARNING\]/);
    expect(lint.status).toBe(0);
  });

  it("renders exactly a Deployment, Service, HPA, PDB and TargetGroupBinding", () => {
    expect(objects.map((object) => object.kind).sort()).toEqual([
      "Deployment",
      "HorizontalPodAutoscaler",
      "PodDisruptionBudget",
      "Service",
      "TargetGroupBinding",
    ]);
  });

  it("renders objects the Kubernetes API schemas accept, and a TargetGroupBinding the CRD accepts", () => {
    for (const object of objects) {
      if (object.kind === "TargetGroupBinding") {
        const valid = validateTargetGroupBinding(object);
        expect(validateTargetGroupBinding.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
        continue;
      }
      const model = MODELS[`${object.apiVersion}/${object.kind}`];
      expect(model).toBeDefined();
      expect(() => model(object).validate()).not.toThrow();
    }
  });

  it("runs the region's image as a non-root, read-only pod under the IRSA service account, probed on the health path", () => {
    const [deployment] = byKind("Deployment") as unknown as Deployment[];
    const pod = deployment.spec?.template.spec;
    const [container] = pod?.containers ?? [];
    expect(container.image).toMatch(
      new RegExp(`^111122223333\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com/birthday-app:${IMAGE_TAG}$`),
    );
    expect(pod?.serviceAccountName).toBe("birthday-app");
    expect(pod?.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    });
    expect(container.readinessProbe?.httpGet).toEqual({ path: "/health", port: "http" });
    expect(container.livenessProbe?.httpGet).toEqual({ path: "/health", port: "http" });
    expect(container.resources?.requests).toEqual({ cpu: "250m", memory: "256Mi" });
    expect(container.resources?.limits).toEqual({ cpu: "1000m", memory: "512Mi" });
    expect(pod?.topologySpreadConstraints?.map((constraint) => constraint.topologyKey)).toContain(
      "topology.kubernetes.io/zone",
    );
    expect(deployment.spec?.replicas).toBeUndefined();
  });

  it("renders pods the restricted Pod Security profile admits, which the app's namespace enforces", () => {
    const [deployment] = byKind("Deployment") as unknown as { spec: { template: { spec: Record<string, unknown> } } }[];
    expect(restrictedViolations(deployment.spec.template.spec)).toEqual([]);
  });

  it("gives the app generic names and its IAM database user, and no secret", () => {
    const [deployment] = byKind("Deployment") as unknown as Deployment[];
    const env = Object.fromEntries(
      (deployment.spec?.template.spec?.containers[0].env ?? []).map((variable) => [variable.name, variable.value]),
    );
    // The same database contract the web tier boots with: resolve the CNAME, sign for its target.
    expect(env).toMatchObject({
      ...appDatabaseEnvironment({ host: "db.titan.internal", name: "birthday", user: "birthday_app" }),
      REDIS_TLS: "true",
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://otel-collector.observability.svc.cluster.local:4318",
    });
    expect(env.REDIS_HOST).toMatch(/\.cache\.amazonaws\.com$/);
    expect(JSON.stringify(objects)).not.toMatch(/password|secretKeyRef|DB_SECRET/i);
  });

  it("scales between the region's HPA bounds on CPU and binds the pods to the region's target group", () => {
    const [hpa] = byKind("HorizontalPodAutoscaler") as unknown as HorizontalPodAutoscaler[];
    expect([hpa.spec?.minReplicas, hpa.spec?.maxReplicas]).toEqual([
      values.autoscaling.minReplicas,
      values.autoscaling.maxReplicas,
    ]);
    expect(hpa.spec?.metrics?.[0].resource?.target).toEqual({ type: "Utilization", averageUtilization: 70 });
    const [binding] = byKind("TargetGroupBinding");
    expect(binding.spec).toMatchObject({ targetType: "ip", serviceRef: { name: "birthday-app", port: 80 } });
    expect(String(binding.spec?.targetGroupARN)).toContain(":targetgroup/");
  });
});

describe("the schema checks themselves", () => {
  it("reject a Deployment the API would reject, and a TargetGroupBinding field the CRD lacks", () => {
    const broken = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" }, spec: { replicas: "two" } };
    expect(() => MODELS["apps/v1/Deployment"](broken as unknown as K8sObject).validate()).toThrow();
    const binding = {
      apiVersion: "elbv2.k8s.aws/v1beta1",
      kind: "TargetGroupBinding",
      metadata: { name: "x" },
      spec: { targetGroupName: "titan-app-pods", serviceRef: { name: "x", port: 80 } },
    };
    expect(validateTargetGroupBinding(binding)).toBe(false);
  });
});

describe("helm-chart/ refuses values titan would never pass", () => {
  const good = deployedValues("dr") as Record<string, Record<string, unknown>>;

  test.each([
    ["no target group", { ...good, targetGroupBinding: { targetGroupARN: "" } }, /targetGroupARN/],
    ["a password among the values", { ...good, app: { ...good.app, dbPassword: "hunter2" } }, /dbPassword/],
    [
      "an image from another registry",
      { ...good, image: { ...good.image, repository: "docker.io/library/app" } },
      /repository/,
    ],
    [
      "an HPA whose minimum exceeds its maximum",
      { ...good, autoscaling: { minReplicas: 5, maxReplicas: 2, targetCPUUtilizationPercentage: 70 } },
      /minReplicas \(5\) is above autoscaling.maxReplicas \(2\)/,
    ],
  ])("%s", (_name, values, message) => {
    const run = helm("template", values, IMAGE_TAG);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(message);
  });

  it("an image tag that is not the commit's", () => {
    expect(helm("template", good, "latest!").stderr).toMatch(/image.tag/);
  });
});
