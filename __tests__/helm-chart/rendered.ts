import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { layerToolPath } from "../support/kubectl-layer";

export const CHART_DIR = join(__dirname, "..", "..", "helm-chart");

/** A rendered Kubernetes object. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly spec?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

export interface HelmRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real helm (v4, from the kubectl layer) on the chart with `values` as the values file and
 * the release's image tag as the deploy passes them: `--values <file> --set-string image.tag=...`.
 */
export function helm(command: "lint" | "template", values: unknown, imageTag: string, extra: string[] = []): HelmRun {
  const dir = mkdtempSync(join(tmpdir(), "titan-helm-"));
  try {
    const file = join(dir, "values.json");
    writeFileSync(file, typeof values === "string" ? values : JSON.stringify(values));
    const args =
      command === "lint"
        ? ["lint", CHART_DIR, "--strict", "--values", file, "--set-string", `image.tag=${imageTag}`]
        : [
            "template",
            "birthday-app",
            CHART_DIR,
            "--namespace",
            "birthday",
            "--kube-version",
            "1.32.0",
            "--values",
            file,
            "--set-string",
            `image.tag=${imageTag}`,
          ];
    const run = spawnSync(layerToolPath("helm"), [...args, ...extra], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: dir, HELM_CACHE_HOME: dir, HELM_CONFIG_HOME: dir, HELM_DATA_HOME: dir },
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The objects `helm template` rendered. */
export function renderedObjects(run: HelmRun): K8sObject[] {
  if (run.status !== 0) {
    throw new Error(`helm template failed:\n${run.stderr}`);
  }
  return parseAllDocuments(run.stdout)
    .map((document) => document.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}
