/**
 * Evaluates a JSON-syntax config value (`"${aws_s3_bucket.B.id}"`, `"${aws_s3_bucket.B.arn}/*"`,
 * lists and objects of those) against the state being built. Undefined when it calls a function
 * or reads a data source: those are left to a placeholder, and to the next plan.
 */
import { isRecord } from "./schemas";

/** The value at `path` of the resource at `address`, in the state being built. */
export type Resolve = (address: string, path: readonly string[]) => unknown;

/** `aws_x.Name.attr[0].nested` as an address and a path, or undefined for anything else. */
function reference(text: string): { address: string; path: string[] } | undefined {
  const match = /^([a-z0-9_]+\.[A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_]+|\[\d+\])+)$/.exec(text);
  if (!match) {
    return undefined;
  }
  const path = [...match[2].matchAll(/\.([A-Za-z0-9_]+)|\[(\d+)\]/g)].map((m) => m[1] ?? m[2]);
  return { address: match[1], path };
}

export function evaluate(raw: unknown, resolve: Resolve): unknown {
  if (typeof raw === "string") {
    const whole = /^\$\{([^}]*)\}$/.exec(raw);
    const ref = whole ? reference(whole[1]) : undefined;
    if (ref) {
      return resolve(ref.address, ref.path);
    }
    let failed = false;
    const text = raw.replace(/\$\{([^}]*)\}/g, (_match, inner: string) => {
      const part = reference(inner);
      const value = part ? resolve(part.address, part.path) : undefined;
      if (typeof value !== "string" && typeof value !== "number") {
        failed = true;
        return "";
      }
      return String(value);
    });
    return failed ? undefined : text;
  }
  if (Array.isArray(raw)) {
    const items = raw.map((item) => evaluate(item, resolve));
    return items.some((item) => item === undefined) ? undefined : items;
  }
  if (isRecord(raw)) {
    const entries = Object.entries(raw).map(([key, item]) => [key, evaluate(item, resolve)] as const);
    return entries.some(([, item]) => item === undefined) ? undefined : Object.fromEntries(entries);
  }
  return raw;
}
