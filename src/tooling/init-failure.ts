/**
 * Why `terraform init` failed, decided from its human (`-no-color`) stderr:
 * providers that cannot be installed on this machine (an environment
 * limitation), an invalid configuration, or anything else. Pure, so the
 * rules, which depend on exact Terraform wording, are pinned by fixture-based
 * tests.
 */
import { displayProviderAddress, normalizeProviderAddress } from "./validate-report";

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
