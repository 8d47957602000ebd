import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { buildspecPath } from "../../../src/modules/delivery/buildspec";

/**
 * The deploy buildspec's first pre_build block, run by bash as CodeBuild runs it: it decides where
 * the release comes from (the pipeline's release.env, or break-glass overrides) and refuses a
 * release it cannot trust, before anything touches the cluster.
 */
const spec = parse(readFileSync(buildspecPath("deploy"), "utf8")) as {
  env: { variables: Record<string, string> };
  phases: { pre_build: { commands: string[] } };
};
const selectRelease = spec.phases.pre_build.commands[0];

const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const CHART = "0.1.0-a0123456789ab.i0123456789ab";
const VALUES = '{"image":{"repository":"111122223333.dkr.ecr.us-west-1.amazonaws.com/birthday-app"}}';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "titan-deploy-"));
  mkdirSync(join(work, "src"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function run(env: Record<string, string>, releaseEnv?: string) {
  if (releaseEnv !== undefined) {
    writeFileSync(join(work, "src", "release.env"), releaseEnv);
  }
  const result = spawnSync("bash", ["-c", selectRelease], {
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      CODEBUILD_SRC_DIR: join(work, "src"),
      RELEASE_DIR: join(work, "release"),
      HELM_VALUES_JSON: VALUES,
      ...env,
    },
  });
  const file = (name: string) =>
    existsSync(join(work, "release", name)) ? readFileSync(join(work, "release", name), "utf8") : undefined;
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    release: file("release.env"),
    values: file("values.json"),
  };
}

describe("the deploy's release input", () => {
  it("takes the pipeline's release.env and writes the region's values file", () => {
    const result = run({}, `IMAGE_TAG=${COMMIT}\nCHART_VERSION=${CHART}\n`);
    expect(result.status).toBe(0);
    expect(result.release).toBe(`IMAGE_TAG=${COMMIT}\nCHART_VERSION=${CHART}\n`);
    expect(result.values).toBe(VALUES);
  });

  it("takes a break-glass release from environment overrides, with no input artifact", () => {
    const result = run({ IMAGE_TAG: COMMIT, CHART_VERSION: CHART });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("break-glass deploy");
    expect(result.release).toBe(`IMAGE_TAG=${COMMIT}\nCHART_VERSION=${CHART}\n`);
  });

  it("prefers the overrides when both are present, so an operator's choice is what deploys", () => {
    const other = "fedcba9876543210fedcba9876543210fedcba98";
    const result = run({ IMAGE_TAG: other, CHART_VERSION: CHART }, `IMAGE_TAG=${COMMIT}\nCHART_VERSION=${CHART}\n`);
    expect(result.release).toContain(`IMAGE_TAG=${other}`);
  });

  test.each([
    [
      "nothing to deploy",
      {},
      undefined,
      /no release: run from the pipeline, or start the build with IMAGE_TAG and CHART_VERSION/,
    ],
    [
      "a mutable-looking tag",
      { IMAGE_TAG: "latest", CHART_VERSION: CHART },
      undefined,
      /IMAGE_TAG must be the 40-character commit id/,
    ],
    ["only an image tag", { IMAGE_TAG: COMMIT }, undefined, /CHART_VERSION must be a chart version/],
    [
      "a chart range",
      { IMAGE_TAG: COMMIT, CHART_VERSION: "^0.1.0" },
      undefined,
      /CHART_VERSION must be a chart version/,
    ],
    ["a tampered release.env", {}, `IMAGE_TAG=${COMMIT}; rm -rf /\nCHART_VERSION=${CHART}\n`, /IMAGE_TAG must be/],
    [
      "no values in the project",
      { IMAGE_TAG: COMMIT, CHART_VERSION: CHART, HELM_VALUES_JSON: "" },
      undefined,
      /HELM_VALUES_JSON is empty/,
    ],
  ])("refuses %s", (_name, env, releaseEnv, message) => {
    const result = run(env as Record<string, string>, releaseEnv);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(message);
  });
});
