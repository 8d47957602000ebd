import type { TitanConfig } from "../../src/config";
import { buildApp, resourcesOf, synthJson, testConfig } from "../support/synth";

interface DeployProject {
  name: string;
  source: { type: string };
  artifacts: { type: string };
  environment: { environment_variable: { name: string; value: string }[] };
}

/** DR's helm deploy project as `config` synthesizes it. */
function drDeployProject(config?: TitanConfig): DeployProject {
  const [project] = Object.values(resourcesOf(synthJson(buildApp(config).dr), "aws_codebuild_project"));
  return project as unknown as DeployProject;
}

/**
 * Break-glass: DR's deploy project must run while us-east-2 is down, so nothing it is allowed to
 * read, and nothing in its environment, may live in us-east-2.
 */
describe("DR's deploy project stands alone", () => {
  const dr = synthJson(buildApp().dr);
  const [project] = Object.values(resourcesOf(dr, "aws_codebuild_project")) as unknown as DeployProject[];
  const policies = Object.entries(dr.data?.aws_iam_policy_document ?? {}).filter(([name]) =>
    name.startsWith("HelmDeploy_Role_"),
  );

  it("is DR's helm deploy project, with no source or artifact to come from the pipeline", () => {
    expect(project.name).toBe("titan-dr-helm-deploy");
    expect([project.source.type, project.artifacts.type]).toEqual(["NO_SOURCE", "NO_ARTIFACTS"]);
  });

  it("may read only us-west-1 resources (or actions that take no resource)", () => {
    const resources = policies
      .flatMap(([, document]) => (document.statement as { resources?: string[] }[] | undefined) ?? [])
      .flatMap((statement) => statement.resources ?? []);
    expect(resources.length).toBeGreaterThan(5);
    for (const resource of resources) {
      expect(resource).not.toContain("us-east-2");
      expect(resource).toMatch(/^(\*|arn:aws:[a-z0-9-]+:us-west-1:|arn:aws:s3:::titan-dr-|\$\{aws_)/);
    }
  });

  it("carries DR's own repositories and chart values", () => {
    const env = Object.fromEntries(project.environment.environment_variable.map((v) => [v.name, v.value]));
    expect(JSON.stringify(env)).not.toContain("us-east-2");
    expect(env.ECR_REGISTRY).toMatch(/\.dkr\.ecr\.us-west-1\.amazonaws\.com$/);
    expect(JSON.parse(env.HELM_VALUES_JSON).app.region).toBe("us-west-1");
  });

  it("installs the kubectl of the cluster's minor, so an upgrade of kubernetes.version moves it too", () => {
    const upgraded = Object.fromEntries(
      drDeployProject(testConfig({ kubernetes: { version: "1.34" } })).environment.environment_variable.map((v) => [
        v.name,
        v.value,
      ]),
    );
    expect(upgraded.KUBECTL_VERSION).toBe("v1.34.0");
  });
});
