/**
 * IAM policy documents as rules read them, whichever way a stack writes them: a JSON string, or a
 * reference to an `aws_iam_policy_document` data source (how titan writes every policy), resolved
 * against the same stack's rendering. Statements are normalized to lists, so a rule never cares
 * whether `Action` was a string or an array.
 */
import type { Attributes } from "./rule";

/** A principal of a statement: `{ type: "Service", identifiers: ["ec2.amazonaws.com"] }`. */
export interface Principal {
  readonly type: string;
  readonly identifiers: readonly string[];
}

/** A condition of a statement: `{ test: "StringEquals", variable: "aws:SourceAccount", values }`. */
export interface Condition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

/** One statement, every list present (empty when the document leaves it out). */
export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly principals: readonly Principal[];
  readonly notPrincipals: readonly Principal[];
  readonly conditions: readonly Condition[];
}

export interface PolicyDocument {
  readonly statements: readonly PolicyStatement[];
}

/** What an attribute holds: a readable document, nothing, or something only Terraform can evaluate. */
export type DocumentLookup =
  | { readonly kind: "document"; readonly document: PolicyDocument }
  | { readonly kind: "absent" }
  | { readonly kind: "unreadable"; readonly reason: string };

const DATA_REFERENCE = /^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.(json|minified_json)\}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map(String);
}

function records(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter(isRecord);
}

function effectOf(value: unknown): "Allow" | "Deny" {
  return value === "Deny" ? "Deny" : "Allow";
}

// --- JSON documents -------------------------------------------------------------------------

function jsonPrincipals(value: unknown): Principal[] {
  if (value === "*") {
    return [{ type: "*", identifiers: ["*"] }];
  }
  return isRecord(value) ? Object.entries(value).map(([type, ids]) => ({ type, identifiers: strings(ids) })) : [];
}

function jsonConditions(value: unknown): Condition[] {
  if (!isRecord(value)) {
    return [];
  }
  return Object.entries(value).flatMap(([test, byVariable]) =>
    isRecord(byVariable)
      ? Object.entries(byVariable).map(([variable, values]) => ({ test, variable, values: strings(values) }))
      : [],
  );
}

function jsonStatement(raw: Record<string, unknown>): PolicyStatement {
  return {
    sid: typeof raw.Sid === "string" ? raw.Sid : undefined,
    effect: effectOf(raw.Effect),
    actions: strings(raw.Action),
    notActions: strings(raw.NotAction),
    resources: strings(raw.Resource),
    notResources: strings(raw.NotResource),
    principals: jsonPrincipals(raw.Principal),
    notPrincipals: jsonPrincipals(raw.NotPrincipal),
    conditions: jsonConditions(raw.Condition),
  };
}

/** A policy written as a JSON string. */
export function documentFromJson(text: string): DocumentLookup {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { kind: "unreadable", reason: `not JSON: ${(error as Error).message}` };
  }
  if (!isRecord(parsed) || parsed.Statement === undefined) {
    return { kind: "unreadable", reason: "a JSON document without Statement" };
  }
  return { kind: "document", document: { statements: records(parsed.Statement).map(jsonStatement) } };
}

// --- aws_iam_policy_document ----------------------------------------------------------------

function dataPrincipals(value: unknown): Principal[] {
  return records(value).map((p) => ({ type: String(p.type ?? ""), identifiers: strings(p.identifiers) }));
}

function dataStatement(raw: Record<string, unknown>): PolicyStatement {
  return {
    sid: typeof raw.sid === "string" ? raw.sid : undefined,
    effect: effectOf(raw.effect),
    actions: strings(raw.actions),
    notActions: strings(raw.not_actions),
    resources: strings(raw.resources),
    notResources: strings(raw.not_resources),
    principals: dataPrincipals(raw.principals),
    notPrincipals: dataPrincipals(raw.not_principals),
    conditions: records(raw.condition).map((c) => ({
      test: String(c.test ?? ""),
      variable: String(c.variable ?? ""),
      values: strings(c.values),
    })),
  };
}

/** `later` statements replace earlier ones with the same sid, as the data source merges documents. */
function merge(earlier: readonly PolicyStatement[], later: readonly PolicyStatement[]): PolicyStatement[] {
  const replaced = new Set(later.map((s) => s.sid).filter((sid) => sid !== undefined && sid !== ""));
  return [...earlier.filter((s) => s.sid === undefined || !replaced.has(s.sid)), ...later];
}

/**
 * Resolves policy documents against one stack's rendered `data.aws_iam_policy_document` blocks.
 * Documents built from `source_policy_documents` / `override_policy_documents` merge as the data
 * source does.
 */
export class PolicyDocumentResolver {
  constructor(private readonly dataSources: Readonly<Record<string, Attributes>>) {}

  /** The document `value` (an attribute such as a role's `assume_role_policy`) holds. */
  lookup(value: unknown, seen: ReadonlySet<string> = new Set()): DocumentLookup {
    if (value === undefined || value === null || value === "") {
      return { kind: "absent" };
    }
    if (typeof value !== "string") {
      return { kind: "unreadable", reason: `a ${typeof value}, not a policy document` };
    }
    const reference = DATA_REFERENCE.exec(value);
    if (reference) {
      return this.dataSource(reference[1], seen);
    }
    if (value.includes("${")) {
      return { kind: "unreadable", reason: `an expression the policy pack cannot evaluate: ${value.slice(0, 80)}` };
    }
    return documentFromJson(value);
  }

  private dataSource(name: string, seen: ReadonlySet<string>): DocumentLookup {
    const attributes = this.dataSources[name];
    if (attributes === undefined || seen.has(name)) {
      return { kind: "unreadable", reason: `data.aws_iam_policy_document.${name} is not in this stack` };
    }
    const inner = new Set([...seen, name]);
    const parts: PolicyStatement[][] = [];
    for (const key of ["source_policy_documents", "override_policy_documents"] as const) {
      const merged: PolicyStatement[] = [];
      for (const item of strings(attributes[key])) {
        const found = this.lookup(item, inner);
        if (found.kind === "unreadable") {
          return found;
        }
        if (found.kind === "document") {
          merged.push(...found.document.statements);
        }
      }
      parts.push(merged);
    }
    const [sources, overrides] = parts;
    const own = records(attributes.statement).map(dataStatement);
    return { kind: "document", document: { statements: merge(merge(sources, own), overrides) } };
  }
}
