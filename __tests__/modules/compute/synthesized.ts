/** Reading synthesized Terraform JSON in the compute tests: elements by construct path, policy statements. */

export interface Condition {
  readonly test: string;
  readonly variable: string;
  readonly values: string[];
}

export interface Statement {
  readonly sid?: string;
  readonly effect?: string;
  readonly actions?: string[];
  readonly resources?: string[];
  readonly principals?: { type: string; identifiers: string[] }[];
  readonly condition?: Condition[];
}

type Element = Record<string, unknown>;

export interface Synthesized {
  readonly resource?: Record<string, Record<string, Element>>;
  readonly data?: Record<string, Record<string, Element>>;
  readonly output?: Record<string, { value: unknown }>;
}

export function parse(json: string): Synthesized {
  return JSON.parse(json);
}

/**
 * The one element of `type` whose construct path ends with `pathSuffix` (e.g. "App/TrustPolicy").
 * `Testing.synth` drops the path metadata, so this matches the logical id cdktf derives from the
 * path: its segments joined by "_", then a hash.
 */
export function element(
  synth: Synthesized,
  kind: "resource" | "data",
  type: string,
  pathSuffix: string,
): Element & { logicalId: string } {
  const pattern = new RegExp(
    `(^|_)${pathSuffix
      .split("/")
      .join("_")
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}_[0-9A-F]{8}$`,
  );
  const matches = Object.entries(synth[kind]?.[type] ?? {}).filter(([logicalId]) => pattern.test(logicalId));
  if (matches.length !== 1) {
    throw new Error(`expected one ${type} at */${pathSuffix}, found ${matches.length}`);
  }
  const [logicalId, value] = matches[0];
  return { ...value, logicalId };
}

/** The statements of the policy document at `pathSuffix`. */
export function statements(synth: Synthesized, pathSuffix: string): Statement[] {
  return element(synth, "data", "aws_iam_policy_document", pathSuffix).statement as Statement[];
}

/** Every statement of every policy document in the synthesized scope. */
export function allStatements(synth: Synthesized): Statement[] {
  return Object.values(synth.data?.aws_iam_policy_document ?? {}).flatMap(
    (document) => (document.statement as Statement[] | undefined) ?? [],
  );
}

export function statementWithSid(list: readonly Statement[], sid: string): Statement {
  const found = list.find((statement) => statement.sid === sid);
  if (!found) {
    throw new Error(`no statement ${sid} among ${list.map((statement) => statement.sid).join(", ")}`);
  }
  return found;
}
