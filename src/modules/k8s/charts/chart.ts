import type { z } from "zod";
import type { PropChecks } from "../../../validation/prop-checks";

/** A pinned chart from a Helm repository: what a `helm_release` installs. */
export interface PinnedChart {
  readonly repository: string;
  readonly chart: string;
  /** An exact version: never a range, so a plan never changes what it installs on its own. */
  readonly version: string;
}

/** Pod resources as Kubernetes writes them. */
export interface Resources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly memory: string };
}

/**
 * Checks `values` against the chart's schema and returns them as the YAML (JSON is YAML) that
 * `helm_release.values` takes. A value that does not fit the chart's shape is recorded in `checks`
 * under `prop`, with the chart and the path named, so synth stops there instead of an apply
 * failing or the chart ignoring it.
 */
export function serializeValues<T>(
  checks: PropChecks,
  prop: string,
  chart: PinnedChart,
  schema: z.ZodType<T>,
  values: T,
): string {
  const result = schema.safeParse(values);
  for (const issue of result.error?.issues ?? []) {
    const path = issue.path.join(".") || "(root)";
    checks.require(false, prop, `values for chart ${chart.chart} ${chart.version} at ${path}: ${issue.message}`);
  }
  return escapeLiteralTemplates(JSON.stringify(result.success ? result.data : values));
}

/**
 * Doubles a literal `${` or `%{` (the collector's `${env:MY_POD_IP}`) so Terraform passes it to
 * Helm unchanged; cdktf's own token markers are left for cdktf to resolve into references.
 */
function escapeLiteralTemplates(text: string): string {
  return text.replace(/\$\{(?!TfToken\[)/g, () => "$${").replace(/%\{/g, () => "%%{");
}
