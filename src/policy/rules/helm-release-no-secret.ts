import { blocks, isExpression, shown } from "../attributes";
import type { Attributes } from "../rule";
import { type PolicyRule, verdict } from "../rule";

/** Value keys that name a credential (`adminPassword`, `auth.token`, `secretKey`...). */
const CREDENTIAL_KEY = /(password|passwd|secret(?!Name|Ref|s?$)|token|apikey|api_key|private_?key|credential)/i;
/** Keys that only point at a credential kept elsewhere. */
const REFERENCE_KEY = /(existing|secretName|secretRef|passwordKey|userKey|tokenKey|Key$|File$|Path$)/;

/**
 * No credential in a release's `set` or `values`: both are stored in plain text in the state and
 * shown in every plan (seed 003's Grafana `adminPassword` is the case in point). Charts read
 * credentials from a Kubernetes secret instead (`admin.existingSecret`), filled through write-only
 * data; `set_sensitive` still lands in state, so it does not count as a way out.
 */
export const helmReleaseNoSecret: PolicyRule = {
  id: "TITAN-HELM-2",
  title: "Helm releases carry no credential in set, set_sensitive or values",
  severity: "high",
  mirrors: {
    none: "checkov's and trivy's secret scanners match known key formats in files; neither reads the set and values of a helm_release, where any credential lands in the plan and state",
  },
  resourceTypes: ["helm_release"],
  check({ attributes }) {
    const problems: string[] = [];
    for (const entry of [...blocks(attributes, "set"), ...blocks(attributes, "set_sensitive")]) {
      const name = String(entry.name ?? "");
      if (credentialKey(name.split(".").pop() ?? name)) {
        problems.push(`set "${name}" looks like a credential: read it from a Kubernetes secret (existingSecret)`);
      }
    }
    const values = Array.isArray(attributes.values) ? attributes.values : [];
    for (const [index, document] of values.entries()) {
      if (typeof document !== "string") {
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(document);
      } catch {
        problems.push(`values[${index}] is not JSON: titan serializes chart values as JSON so this rule can read them`);
        continue;
      }
      for (const path of credentialPaths(parsed)) {
        problems.push(`values[${index}] sets ${path}: read it from a Kubernetes secret (existingSecret) instead`);
      }
    }
    if (blocks(attributes, "set_wo").length > 0 && !isExpression(JSON.stringify(blocks(attributes, "set_wo")))) {
      problems.push(
        `set_wo holds literal values ${shown(attributes.set_wo)}: write-only values must come from an ephemeral source`,
      );
    }
    return verdict(problems);
  },
};

function credentialKey(key: string): boolean {
  return CREDENTIAL_KEY.test(key) && !REFERENCE_KEY.test(key);
}

/** Paths of keys that hold a credential-like value (a non-empty string or number). */
function credentialPaths(node: unknown, path: string[] = []): string[] {
  if (Array.isArray(node)) {
    return node.flatMap((child, index) => credentialPaths(child, [...path, String(index)]));
  }
  if (node === null || typeof node !== "object") {
    return [];
  }
  return Object.entries(node as Attributes).flatMap(([key, value]) => {
    const here = [...path, key];
    const holdsValue = (typeof value === "string" && value !== "") || typeof value === "number";
    return holdsValue && credentialKey(key) ? [here.join(".")] : credentialPaths(value, here);
  });
}
