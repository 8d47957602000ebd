import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { buildspecPath, embeddedBuildspec, escapeTerraformTemplate } from "../../../src/modules/delivery/buildspec";

interface Buildspec {
  version: number;
  env?: { shell?: string; variables?: Record<string, string>; "exported-variables"?: string[] };
  phases: Record<string, { "on-failure"?: string; commands: string[] }>;
  artifacts?: { files: string[] };
}

function buildspec(name: "build" | "deploy"): Buildspec {
  return parse(readFileSync(buildspecPath(name), "utf8")) as Buildspec;
}

const commands = (spec: Buildspec) => Object.values(spec.phases).flatMap((phase) => phase.commands);

describe.each(["build", "deploy"] as const)("buildspecs/%s.yml", (name) => {
  const spec = buildspec(name);

  it("is a version 0.2 buildspec run by bash", () => {
    expect(spec.version).toBe(0.2);
    expect(spec.env?.shell).toBe("bash");
  });

  it("has the four phases, each aborting the build on failure", () => {
    expect(Object.keys(spec.phases)).toEqual(["install", "pre_build", "build", "post_build"]);
    for (const phase of Object.values(spec.phases)) {
      expect(phase["on-failure"]).toBe("ABORT");
    }
  });

  it("runs every multi-line command in a subshell with set -euo pipefail", () => {
    const blocks = commands(spec).filter((command) => command.trim().includes("\n"));
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      expect(block.trimStart()).toMatch(/^\(\n\s+set -euo pipefail\n/);
      expect(block.trimEnd()).toMatch(/\)$/);
    }
  });

  it("pins the Helm version and checks the download's checksum", () => {
    expect(spec.env?.variables?.HELM_VERSION).toMatch(/^v3\.\d+\.\d+$/);
    expect(commands(spec).join("\n")).toContain('sha256sum --check "${archive}.sha256sum"');
  });
});

describe("the build buildspec", () => {
  const spec = buildspec("build");
  const script = commands(spec).join("\n");

  it("tags the image with the commit and derives the chart version from it", () => {
    expect(script).toContain('commit="${COMMIT_ID:-${CODEBUILD_RESOLVED_SOURCE_VERSION:-}}"');
    expect(script).toContain('echo "IMAGE_TAG=${commit}"');
    expect(script).toContain('echo "CHART_VERSION=${base_version%%[-+]*}-a${commit:0:12}.i${chart_commit:0:12}"');
    expect(script).toContain(
      'chart_dir="${CODEBUILD_SRC_DIR_chart:?the pipeline must pass the chart source as a second input}/helm-chart"',
    );
  });

  it("logs in to ECR, builds, then pushes the image and the chart", () => {
    expect(script).toContain('docker login --username AWS --password-stdin "$ECR_REGISTRY"');
    expect(script).toContain('docker build --tag "${IMAGE_REPOSITORY_URL}:${IMAGE_TAG}"');
    expect(spec.phases.post_build.commands.join("\n")).toContain('docker push "${IMAGE_REPOSITORY_URL}:${IMAGE_TAG}"');
    expect(spec.phases.post_build.commands.join("\n")).toContain(
      'helm push "dist/${APP_NAME}-${CHART_VERSION}.tgz" "oci://${CHART_REPOSITORY_URL%/*}"',
    );
  });

  it("hands the release to the deploy as release.env and as exported variables", () => {
    expect(spec.artifacts?.files).toEqual(["release.env"]);
    expect(spec.env?.["exported-variables"]).toEqual(["IMAGE_TAG", "CHART_VERSION"]);
  });
});

describe("the deploy buildspec", () => {
  const spec = buildspec("deploy");
  const script = commands(spec).join("\n");

  it("takes kubectl's version from the project (the cluster's minor), never a pin of its own", () => {
    expect(spec.env?.variables?.KUBECTL_VERSION).toBeUndefined();
    expect(script).toContain('base="https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/amd64"');
  });

  it("reads the release, reaches the region's cluster and waits for the replicated image and chart", () => {
    expect(script).toContain('cp "${CODEBUILD_SRC_DIR}/release.env" "${release}"');
    expect(script).toContain('set -a && source "$RELEASE_DIR/release.env" && set +a');
    expect(script).toContain('aws eks update-kubeconfig --region "$AWS_REGION" --name "$CLUSTER_NAME"');
    expect(script).toContain('helm registry login --username AWS --password-stdin "$ECR_REGISTRY"');
    expect(script).toContain("until aws ecr describe-images");
  });

  it("installs the region's values and the release's image tag, atomically, from the region's chart repository", () => {
    expect(script).toContain('printf \'%s\' "${HELM_VALUES_JSON}" > "${RELEASE_DIR}/values.json"');
    expect(spec.phases.build.commands).toEqual([
      'helm upgrade --install "$APP_NAME" "oci://$CHART_REPOSITORY_URL" --version "$CHART_VERSION" ' +
        '--namespace "$K8S_NAMESPACE" --values "$RELEASE_DIR/values.json" --set-string "image.tag=$IMAGE_TAG" ' +
        '--atomic --wait --timeout "$HELM_TIMEOUT"',
    ]);
  });
});

describe("embedding a buildspec in Terraform JSON", () => {
  it("doubles ${ and %{ so Terraform reads the shell's text back unchanged", () => {
    expect(escapeTerraformTemplate('echo "${A:-x}" %{ if } $${B} $(c)')).toBe('echo "$${A:-x}" %%{ if } $$${B} $(c)');
  });

  it("embeds the shipped file, escaped", () => {
    expect(embeddedBuildspec("deploy")).toBe(escapeTerraformTemplate(readFileSync(buildspecPath("deploy"), "utf8")));
  });
});
