/** Reading a synthesized CodeBuild project, for the delivery tests. */

export interface SynthesizedProject {
  name: string;
  description?: string;
  service_role: string;
  encryption_key: string;
  source: { type: string; buildspec: string };
  artifacts: { type: string };
  environment: {
    type: string;
    image: string;
    compute_type: string;
    privileged_mode: boolean;
    environment_variable: { name: string; value: string; type: string }[];
  };
  vpc_config?: { vpc_id: string; subnets: string[]; security_group_ids: string[] };
  logs_config: { cloudwatch_logs: { status: string; group_name: string } };
  tags?: Record<string, string>;
}

/** The only CodeBuild project in `synth`. */
export function onlyProject(synth: string): SynthesizedProject {
  const projects = Object.values(
    JSON.parse(synth).resource.aws_codebuild_project as Record<string, SynthesizedProject>,
  );
  expect(projects).toHaveLength(1);
  return projects[0];
}

/** The buildspec as CodeBuild receives it, after Terraform reads back `$${` and `%%{`. */
export function buildspecAsDeployed(project: SynthesizedProject): string {
  return project.source.buildspec.replace(/\$\$\{/g, () => "${").replace(/%%\{/g, () => "%{");
}

/** The project's environment variables as a name-to-value map. */
export function environmentOf(project: SynthesizedProject): Record<string, string> {
  return Object.fromEntries(
    project.environment.environment_variable.map((variable) => [variable.name, variable.value]),
  );
}
