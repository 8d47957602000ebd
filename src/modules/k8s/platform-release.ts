import { Release } from "@cdktf/provider-helm/lib/release";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { PropChecks } from "../../validation/prop-checks";
import type { PinnedChart } from "./charts/chart";
import { CHART_VERSION, RELEASE_TIMEOUT_SECONDS } from "./limits";

/** Minutes a release may take to become ready before Helm rolls it back. */
const DEFAULT_TIMEOUT_SECONDS = 600;

export interface PlatformReleaseProps {
  readonly chart: PinnedChart;
  /** The release's name, unique in its namespace. */
  readonly releaseName: string;
  readonly namespace: string;
  /** The chart's values, already checked by its schema (`serializeValues`). */
  readonly values: string;
  /** @default 600 - ten minutes; kube-prometheus-stack's CRDs and volume need the time */
  readonly timeoutSeconds?: number;
  /** What must exist first (the namespace, the controller whose webhooks the release's objects pass). */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * One platform chart installed by Terraform: the only owner of these releases (the pipeline owns
 * the app's). Pinned to an exact chart version and atomic, so a failed install or upgrade rolls
 * back instead of leaving half a controller; `wait` makes the apply fail when pods never become
 * ready; ten revisions are kept for `helm rollback`.
 */
export class PlatformRelease extends Construct {
  readonly release: Release;

  constructor(scope: Construct, id: string, props: PlatformReleaseProps) {
    super(scope, id);
    const timeout = props.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    new PropChecks(this)
      .matches("chart.version", props.chart.version, CHART_VERSION)
      .wholeNumber("timeoutSeconds", timeout, RELEASE_TIMEOUT_SECONDS)
      .throwIfAny();
    this.release = new Release(this, "Resource", {
      name: props.releaseName,
      namespace: props.namespace,
      repository: props.chart.repository,
      chart: props.chart.chart,
      version: props.chart.version,
      values: [props.values],
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      timeout,
      maxHistory: 10,
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
  }
}
