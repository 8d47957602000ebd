/**
 * Pure helpers behind `validate.ts`: provider addresses and which of them a
 * mirror lacks, parsing and formatting `terraform validate -json`, and the
 * summary and exit code. Kept free of I/O so the rules, which depend on exact
 * Terraform output, are pinned by fixture-based tests; why `terraform init`
 * failed is decided in `init-failure.ts`.
 */
import { formatStackTable } from "./synthesized-stacks";

/** One diagnostic as printed by `terraform validate -json` (format_version 1.0). */
export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
  readonly address?: string;
  readonly range?: {
    readonly filename: string;
    readonly start: { readonly line: number; readonly column: number };
  };
  /** `snippet.context`, e.g. `resource.aws_s3_bucket.logs`; Terraform rarely sets `address`. */
  readonly context?: string;
}

/** Parsed `terraform validate -json` result. */
export interface ValidateOutput {
  readonly valid: boolean;
  readonly errorCount: number;
  readonly warningCount: number;
  readonly diagnostics: readonly Diagnostic[];
}

/** Final classification of one stack. */
export type StackResult = "valid" | "invalid" | "not validated" | "init failed";

/** One row of the summary table. */
export interface StackOutcome {
  readonly stack: string;
  readonly result: StackResult;
  readonly seconds: number;
}

const DEFAULT_REGISTRY_HOST = "registry.terraform.io";
const DEFAULT_NAMESPACE = "hashicorp";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Expands a provider source the way Terraform does (`aws` and
 * `hashicorp/aws` both mean `registry.terraform.io/hashicorp/aws`), because
 * cdktf emits the short form while mirrors are keyed by the full address.
 */
export function normalizeProviderAddress(source: string): string {
  const parts = source.trim().toLowerCase().split("/");
  if (parts.length === 1) {
    return `${DEFAULT_REGISTRY_HOST}/${DEFAULT_NAMESPACE}/${parts[0]}`;
  }
  if (parts.length === 2) {
    return `${DEFAULT_REGISTRY_HOST}/${parts[0]}/${parts[1]}`;
  }
  return parts.join("/");
}

/** Shortens a full address back to Terraform's display form (`hashicorp/aws`). */
export function displayProviderAddress(address: string): string {
  const prefix = `${DEFAULT_REGISTRY_HOST}/`;
  return address.startsWith(prefix) ? address.slice(prefix.length) : address;
}

/**
 * Provider addresses a synthesized stack requires, read from
 * `terraform.required_providers` (local name defaults the source, as in Terraform).
 */
export function requiredProviders(stackJson: unknown): string[] {
  if (!isRecord(stackJson) || !isRecord(stackJson.terraform)) {
    return [];
  }
  const required = stackJson.terraform.required_providers;
  if (!isRecord(required)) {
    return [];
  }
  return Object.entries(required)
    .map(([localName, spec]) => normalizeProviderAddress((isRecord(spec) && optionalString(spec.source)) || localName))
    .sort();
}

/**
 * Required providers a mirror does not serve. Only a prediction (printed
 * before init so a slow or failing direct install is expected): init is
 * always attempted and has the final word.
 */
export function providersOutsideMirror(required: readonly string[], mirrored: readonly string[]): string[] {
  const served = new Set(mirrored.map(normalizeProviderAddress));
  return required.filter((p) => !served.has(normalizeProviderAddress(p)));
}

function parseDiagnostic(raw: unknown): Diagnostic | undefined {
  if (!isRecord(raw)) {
    return undefined;
  }
  const severity = raw.severity === "warning" ? "warning" : "error";
  const range = isRecord(raw.range) && isRecord(raw.range.start) ? raw.range : undefined;
  const start = range && isRecord(range.start) ? range.start : undefined;
  return {
    severity,
    summary: optionalString(raw.summary) ?? "(no summary)",
    detail: optionalString(raw.detail),
    address: optionalString(raw.address),
    range:
      range && start
        ? {
            filename: optionalString(range.filename) ?? "?",
            start: { line: Number(start.line) || 0, column: Number(start.column) || 0 },
          }
        : undefined,
    context: isRecord(raw.snippet) ? optionalString(raw.snippet.context) : undefined,
  };
}

/**
 * Parses `terraform validate -json` stdout. Terraform exits 1 for an invalid
 * configuration but still prints this JSON, so the exit code alone cannot
 * tell "invalid" from "crashed".
 *
 * @throws Error when stdout is not a validate result (e.g. Terraform failed before validating).
 */
export function parseValidateJson(stdout: string): ValidateOutput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new Error(`terraform validate did not print JSON: ${stdout.trim().slice(0, 200) || "(empty output)"}`);
  }
  if (!isRecord(parsed) || typeof parsed.valid !== "boolean") {
    throw new Error("terraform validate printed JSON without a boolean 'valid' field");
  }
  const diagnostics = Array.isArray(parsed.diagnostics)
    ? parsed.diagnostics.map(parseDiagnostic).filter((d): d is Diagnostic => d !== undefined)
    : [];
  return {
    valid: parsed.valid,
    errorCount: Number(parsed.error_count) || diagnostics.filter((d) => d.severity === "error").length,
    warningCount: Number(parsed.warning_count) || diagnostics.filter((d) => d.severity === "warning").length,
    diagnostics,
  };
}

/**
 * The cdktf construct path (`stack/bucket`) for a diagnostic context such as
 * `resource.aws_s3_bucket.bucket`, so errors point at TypeScript constructs
 * rather than at generated JSON. Undefined when it cannot be resolved.
 */
export function constructPathFor(stackJson: unknown, context: string | undefined): string | undefined {
  const match = context ? /^(resource|data)\.([^.]+)\.([^.[]+)/.exec(context) : null;
  if (!match || !isRecord(stackJson)) {
    return undefined;
  }
  const [, block, type, name] = match;
  const blockValue = stackJson[block];
  const typeValue = isRecord(blockValue) ? blockValue[type] : undefined;
  const item = isRecord(typeValue) ? typeValue[name] : undefined;
  const meta = isRecord(item) && isRecord(item["//"]) ? item["//"].metadata : undefined;
  return isRecord(meta) ? optionalString(meta.path) : undefined;
}

function locationOf(d: Diagnostic, stackJson: unknown): string | undefined {
  const parts: string[] = [];
  const construct = constructPathFor(stackJson, d.context);
  if (construct) {
    parts.push(`construct ${construct}`);
  }
  const address = d.address ?? d.context;
  if (address) {
    parts.push(address);
  }
  if (d.range) {
    parts.push(`${d.range.filename}:${d.range.start.line}:${d.range.start.column}`);
  }
  return parts.length > 0 ? parts.join(", ") : undefined;
}

/**
 * Human-readable lines for one diagnostic: severity and summary first, then
 * where (construct path when resolvable, address, file:line:col), then the
 * indented detail.
 *
 * @param stackJson - the parsed cdk.tf.json, used to resolve construct paths; optional.
 */
export function formatDiagnostic(d: Diagnostic, stackJson?: unknown): string[] {
  const lines = [`${d.severity}: ${d.summary}`];
  const where = locationOf(d, stackJson);
  if (where) {
    lines.push(`  at ${where}`);
  }
  for (const line of (d.detail ?? "").split("\n")) {
    if (line.trim() !== "") {
      lines.push(`  ${line}`);
    }
  }
  return lines;
}

/**
 * Process exit code. Stacks skipped only because providers are not
 * installable here are an environment limitation, so they fail the run only
 * when the caller asked for `--strict`.
 */
export function exitCodeFor(outcomes: readonly StackOutcome[], strict: boolean): number {
  const failed = outcomes.some((o) => o.result === "invalid" || o.result === "init failed");
  const skipped = outcomes.some((o) => o.result === "not validated");
  return failed || (strict && skipped) ? 1 : 0;
}

/** Fixed-width summary table plus the "N of M stacks validated" line. */
export function formatSummary(outcomes: readonly StackOutcome[]): string {
  const rows = outcomes.map((o) => [o.stack, o.result, o.seconds.toFixed(1)]);
  const count = (result: StackResult): number => outcomes.filter((o) => o.result === result).length;
  const validated = count("valid") + count("invalid");
  const tally = [
    `${count("valid")} valid`,
    `${count("invalid")} invalid`,
    `${count("not validated")} not validated`,
    `${count("init failed")} init failed`,
  ].join(", ");
  return [
    ...formatStackTable(["stack", "result", "seconds"], rows),
    "",
    `${validated} of ${outcomes.length} stacks validated (${tally})`,
  ].join("\n");
}
