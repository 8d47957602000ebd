import type { z } from "zod";

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
 * `helm_release.values` takes. A value that does not fit the chart's shape stops synth here, with
 * the chart and the path named, instead of failing an apply or being ignored by the chart.
 */
export function serializeValues<T>(chart: PinnedChart, schema: z.ZodType<T>, values: T): string {
  const result = schema.safeParse(values);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new Error(`values for chart ${chart.chart} ${chart.version}:\n  ${problems.join("\n  ")}`);
  }
  return escapeLiteralTemplates(JSON.stringify(result.data));
}

/**
 * Doubles a literal `${` or `%{` (the collector's `${env:MY_POD_IP}`) so Terraform passes it to
 * Helm unchanged; cdktf's own token markers are left for cdktf to resolve into references.
 */
function escapeLiteralTemplates(text: string): string {
  return text.replace(/\$\{(?!TfToken\[)/g, () => "$${").replace(/%\{/g, () => "%%{");
}
