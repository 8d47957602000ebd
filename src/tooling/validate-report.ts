/**
 * Pure helpers behind `validate.ts`: parsing Terraform's output and deciding
 * what a failure means. Kept free of I/O so the classification rules, which
 * depend on exact Terraform wording, are pinned by fixture-based tests.
 */

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

/** A required provider that init could not install, with a short human reason. */
export interface UnavailableProvider {
  readonly provider: string;
  readonly reason: string;
}

/**
 * Why `terraform init` failed: only because providers could not be obtained
 * on this machine (an environment limitation, tolerated unless `--strict`);
 * because the configuration itself is invalid (init decodes the config before
 * installing anything, so some validation errors surface here, not in
 * `validate`); or for any other reason.
 */
export type InitFailure =
  | { readonly kind: "providers-unavailable"; readonly providers: readonly UnavailableProvider[] }
  | { readonly kind: "invalid-configuration"; readonly message: string }
  | { readonly kind: "error"; readonly message: string };

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
 * Splits Terraform's human (`-no-color`) stderr into diagnostic blocks, each
 * flattened to one line. Terraform hard-wraps messages at ~78 columns, even
 * inside provider addresses' sentences, so matching must happen on the
 * flattened text rather than line by line.
 */
export function errorBlocks(stderr: string): string[] {
  const blocks: string[][] = [];
  let inError = false;
  for (const rawLine of stderr.split("\n")) {
    // CLI-config problems are printed boxed (│ Error: ...) even with -no-color.
    const line = rawLine.replace(/^[│╷╵]\s?/, "");
    if (/^(Error|Warning): /.test(line)) {
      inError = line.startsWith("Error: ");
      if (inError) {
        blocks.push([]);
      }
    }
    if (inError) {
      blocks[blocks.length - 1].push(line);
    }
  }
  return blocks.map((lines) => lines.join(" ").replace(/\s+/g, " ").trim());
}

const NETWORK_FAILURE =
  /could not connect to|failed to request discovery document|no such host|dial tcp|i\/o timeout|connection refused|connection reset|network is unreachable|TLS handshake timeout|context deadline exceeded|Client\.Timeout|proxyconnect/i;

/** Short cause of a network failure, for the one-line "not validated" message. */
function networkCause(text: string): string {
  const host = /could not connect to ([^\s:]+)/.exec(text)?.[1];
  const causes: [RegExp, string][] = [
    [/no such host/i, "DNS lookup failed"],
    [/connection refused/i, "connection refused"],
    [/i\/o timeout|deadline exceeded|Client\.Timeout|TLS handshake timeout/i, "timed out"],
    [/network is unreachable/i, "network unreachable"],
  ];
  const cause = causes.find(([re]) => re.test(text))?.[1] ?? "network error";
  return host ? `${host} unreachable (${cause})` : `download failed (${cause})`;
}

function stripSuggestion(reason: string): string {
  return reason.replace(/\s*To see which modules are currently depending on.*$/, "").trim();
}

/**
 * Classifies one flattened `Error:` block. Returns the unavailable provider
 * when the block only says a provider could not be obtained here; otherwise
 * undefined (a genuine failure).
 */
function unavailableFromBlock(block: string, mirrored: ReadonlySet<string>): UnavailableProvider | undefined {
  const query = /^Error: Failed to query available provider packages .*?for provider (\S+?): (.*)$/.exec(block);
  if (query) {
    const [, provider, rawReason] = query;
    const reason = stripSuggestion(rawReason);
    if (NETWORK_FAILURE.test(reason)) {
      return { provider, reason: networkCause(reason) };
    }
    const noMatch = /no available releases match the given constraints (.*)$/.exec(reason);
    // Only a mirror gap is environmental; the registry saying "no such version" is a real pinning error.
    if (noMatch && mirrored.has(normalizeProviderAddress(provider))) {
      return { provider, reason: `provider mirror has no release matching ${noMatch[1]}` };
    }
    return undefined;
  }
  const install = /^Error: Failed to install provider Error while installing (\S+?) v\S+?: (.*)$/.exec(block);
  if (install && NETWORK_FAILURE.test(install[2])) {
    return { provider: install[1], reason: networkCause(install[2]) };
  }
  return undefined;
}

/** Terraform 1.x's preamble when init stops at configuration errors. */
const INVALID_CONFIGURATION =
  /^Error: Terraform encountered problems during initiali[sz]ation, including problems with the configuration/;

/** The configuration diagnostics without init's generic preamble block. */
function withoutConfigPreamble(stderr: string): string {
  const preamble =
    /Error: Terraform encountered problems during initiali[sz]ation[\s\S]*?providers need to be installed\.\s*/;
  return stderr
    .replace(preamble, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Decides whether a failed `terraform init` failed only because required
 * providers cannot be installed on this machine (offline, not mirrored) —
 * which says nothing about the stack itself — or for another reason.
 *
 * @param stderr - init's stderr, run with `-no-color`.
 * @param mirroredProviders - providers served by the configured filesystem mirror.
 */
export function classifyInitFailure(stderr: string, mirroredProviders: readonly string[] = []): InitFailure {
  const blocks = errorBlocks(stderr);
  if (blocks.length === 0) {
    return { kind: "error", message: stderr.trim() || "terraform init failed without printing an error" };
  }
  if (blocks.some((block) => INVALID_CONFIGURATION.test(block))) {
    return { kind: "invalid-configuration", message: withoutConfigPreamble(stderr) };
  }
  const mirrored = new Set(mirroredProviders.map(normalizeProviderAddress));
  const unavailable: UnavailableProvider[] = [];
  for (const block of blocks) {
    const provider = unavailableFromBlock(block, mirrored);
    if (!provider) {
      return { kind: "error", message: stderr.trim() };
    }
    unavailable.push(provider);
  }
  return { kind: "providers-unavailable", providers: unavailable };
}

/**
 * One line naming every uninstallable provider and why, grouping providers
 * that share a reason (the common offline case is "all of them, DNS").
 */
export function describeUnavailable(providers: readonly UnavailableProvider[]): string {
  const byReason = new Map<string, string[]>();
  for (const { provider, reason } of providers) {
    const names = byReason.get(reason) ?? [];
    names.push(displayProviderAddress(normalizeProviderAddress(provider)));
    byReason.set(reason, names);
  }
  const parts = [...byReason].map(([reason, names]) => `${[...new Set(names)].sort().join(", ")}: ${reason}`);
  return `cannot install ${parts.join("; ")}`;
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
  const header = ["stack", "result", "seconds"];
  const rows = outcomes.map((o) => [o.stack, o.result, o.seconds.toFixed(1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const render = (cells: string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  const count = (result: StackResult): number => outcomes.filter((o) => o.result === result).length;
  const validated = count("valid") + count("invalid");
  const tally = [
    `${count("valid")} valid`,
    `${count("invalid")} invalid`,
    `${count("not validated")} not validated`,
    `${count("init failed")} init failed`,
  ].join(", ");
  return [
    render(header),
    render(widths.map((w) => "-".repeat(w))),
    ...rows.map(render),
    "",
    `${validated} of ${outcomes.length} stacks validated (${tally})`,
  ].join("\n");
}
