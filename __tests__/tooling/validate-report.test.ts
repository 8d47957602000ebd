import {
  constructPathFor,
  exitCodeFor,
  formatDiagnostic,
  formatSummary,
  normalizeProviderAddress,
  parseValidateJson,
  providersOutsideMirror,
  requiredProviders,
} from "../../src/tooling/validate-report";
import { AWS } from "./fixtures";

// Real `terraform validate -json` output (trimmed snippet), for a cdktf stack with an unknown argument.
const VALIDATE_INVALID = JSON.stringify({
  format_version: "1.0",
  valid: false,
  error_count: 1,
  warning_count: 1,
  diagnostics: [
    {
      severity: "error",
      summary: "Extraneous JSON object property",
      detail: 'No argument or block type is named "bogus_argument".',
      range: { filename: "cdk.tf.json", start: { line: 40, column: 9, byte: 800 }, end: { line: 40, column: 25 } },
      snippet: { context: "resource.aws_s3_bucket.bucket", code: "...", start_line: 40 },
    },
    {
      severity: "warning",
      summary: "Deprecated attribute",
      detail: "Use something else.\n\nIt will be removed.",
      address: "aws_s3_bucket.bucket",
    },
  ],
});

const STACK_JSON = {
  terraform: {
    required_providers: {
      aws: { source: "aws", version: "5.100.0" },
      helm: { source: "helm", version: "3.1.1" },
      k8s: { source: "hashicorp/kubernetes", version: "2.38.0" },
    },
  },
  resource: { aws_s3_bucket: { bucket: { "//": { metadata: { path: "primary/bucket", uniqueId: "bucket" } } } } },
};

describe("validate -json parsing and formatting", () => {
  it("parses validity, counts and diagnostics", () => {
    const result = parseValidateJson(VALIDATE_INVALID);
    expect(result.valid).toBe(false);
    expect(result.errorCount).toBe(1);
    expect(result.warningCount).toBe(1);
    expect(result.diagnostics.map((d) => d.severity)).toEqual(["error", "warning"]);
  });

  it("formats a diagnostic with construct path, address and file position", () => {
    const [error, warning] = parseValidateJson(VALIDATE_INVALID).diagnostics;
    expect(formatDiagnostic(error, STACK_JSON)).toEqual([
      "error: Extraneous JSON object property",
      "  at construct primary/bucket, resource.aws_s3_bucket.bucket, cdk.tf.json:40:9",
      '  No argument or block type is named "bogus_argument".',
    ]);
    expect(formatDiagnostic(warning)).toEqual([
      "warning: Deprecated attribute",
      "  at aws_s3_bucket.bucket",
      "  Use something else.",
      "  It will be removed.",
    ]);
  });

  it("rejects output that is not a validate result", () => {
    expect(() => parseValidateJson("")).toThrow("terraform validate did not print JSON: (empty output)");
    expect(() => parseValidateJson('{"format_version":"1.0"}')).toThrow("without a boolean 'valid' field");
  });

  it("resolves construct paths only for resources and data sources present in the stack", () => {
    expect(constructPathFor(STACK_JSON, "resource.aws_s3_bucket.bucket")).toBe("primary/bucket");
    expect(constructPathFor(STACK_JSON, "resource.aws_s3_bucket.other")).toBeUndefined();
    expect(constructPathFor(STACK_JSON, "output.arn")).toBeUndefined();
  });
});

describe("provider prediction", () => {
  it("normalizes provider sources like Terraform does", () => {
    expect(normalizeProviderAddress("aws")).toBe(AWS);
    expect(normalizeProviderAddress("hashicorp/aws")).toBe(AWS);
    expect(normalizeProviderAddress("Registry.Terraform.io/HashiCorp/AWS")).toBe(AWS);
  });

  it("lists required providers the mirror does not serve", () => {
    const required = requiredProviders(STACK_JSON);
    expect(required).toEqual([
      AWS,
      "registry.terraform.io/hashicorp/helm",
      "registry.terraform.io/hashicorp/kubernetes",
    ]);
    expect(providersOutsideMirror(required, [AWS])).toEqual([
      "registry.terraform.io/hashicorp/helm",
      "registry.terraform.io/hashicorp/kubernetes",
    ]);
    expect(requiredProviders({})).toEqual([]);
  });
});

describe("summary and exit code", () => {
  const outcomes = [
    { stack: "primary", result: "valid", seconds: 3.04 },
    { stack: "primary-k8s", result: "not validated", seconds: 0.5 },
  ] as const;

  it("prints a table and how many stacks were validated", () => {
    expect(formatSummary(outcomes)).toBe(
      [
        "stack        result         seconds",
        "-----------  -------------  -------",
        "primary      valid              3.0",
        "primary-k8s  not validated      0.5",
        "",
        "1 of 2 stacks validated (1 valid, 0 invalid, 1 not validated, 0 init failed)",
      ].join("\n"),
    );
  });

  it("fails on uninstallable providers only with --strict, and always on invalid stacks", () => {
    expect(exitCodeFor(outcomes, false)).toBe(0);
    expect(exitCodeFor(outcomes, true)).toBe(1);
    expect(exitCodeFor([{ stack: "dr", result: "invalid", seconds: 1 }], false)).toBe(1);
    expect(exitCodeFor([{ stack: "dr", result: "init failed", seconds: 1 }], false)).toBe(1);
  });
});
