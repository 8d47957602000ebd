/**
 * The part of `terraform show -json <planfile>` that plan review reads, parsed defensively: every
 * resource change with its action, why Terraform chose it, and which attributes force a
 * replacement. Pure, so the rules that depend on Terraform's JSON shape are pinned by tests.
 */

/** What Terraform will do to one resource instance, with replacements folded into one action. */
export type ChangeAction = "create" | "update" | "replace" | "delete" | "read" | "no-op" | "forget";

/** Display order of the actions, most consequential last. */
export const CHANGE_ACTIONS: readonly ChangeAction[] = [
  "create",
  "update",
  "replace",
  "delete",
  "forget",
  "read",
  "no-op",
];

/** One entry of `resource_changes`, reduced to what a reviewer needs. */
export interface ResourceChange {
  /** Full address, e.g. `aws_rds_cluster.Aurora_2CBAB212`. */
  readonly address: string;
  readonly type: string;
  readonly mode: "managed" | "data";
  readonly action: ChangeAction;
  /** Terraform's `action_reason`, e.g. `replace_because_cannot_update`. */
  readonly reason?: string;
  /** Attribute paths that force the replacement, dotted (`vpc_config.0.subnet_ids`). */
  readonly replacePaths: readonly string[];
  /** The address before a `moved` block changed it. */
  readonly previousAddress?: string;
  readonly importing: boolean;
  readonly before: unknown;
  readonly after: unknown;
  readonly afterUnknown: unknown;
  readonly beforeSensitive: unknown;
  readonly afterSensitive: unknown;
}

/** A root module output the plan changes (apply records it in the state). */
export interface OutputChange {
  readonly name: string;
  readonly action: ChangeAction;
}

/** The plan as a whole. */
export interface ParsedPlan {
  readonly terraformVersion?: string;
  readonly changes: readonly ResourceChange[];
  /** Outputs whose value changes, by name; no-ops left out. */
  readonly outputChanges: readonly OutputChange[];
  /** False when Terraform reports the plan as not applyable (errored, or nothing to do). */
  readonly applyable: boolean;
  readonly errored: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Folds Terraform's action list (`["delete", "create"]` for a replacement) into one action. */
export function changeAction(actions: unknown): ChangeAction {
  const list = Array.isArray(actions) ? actions.map(String) : [];
  if (list.includes("delete") && list.includes("create")) {
    return "replace";
  }
  for (const action of ["delete", "create", "update", "read", "forget"] as const) {
    if (list.includes(action)) {
      return action;
    }
  }
  return "no-op";
}

function replacePaths(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter((path): path is unknown[] => Array.isArray(path)).map((path) => path.map(String).join("."));
}

function resourceChange(raw: unknown): ResourceChange | undefined {
  if (!isRecord(raw) || typeof raw.address !== "string" || !isRecord(raw.change)) {
    return undefined;
  }
  const change = raw.change;
  return {
    address: raw.address,
    type: String(raw.type ?? ""),
    mode: raw.mode === "data" ? "data" : "managed",
    action: changeAction(change.actions),
    reason: typeof raw.action_reason === "string" ? raw.action_reason : undefined,
    replacePaths: replacePaths(change.replace_paths),
    previousAddress: typeof raw.previous_address === "string" ? raw.previous_address : undefined,
    importing: isRecord(change.importing),
    before: change.before,
    after: change.after,
    afterUnknown: change.after_unknown,
    beforeSensitive: change.before_sensitive,
    afterSensitive: change.after_sensitive,
  };
}

/**
 * Parses the output of `terraform show -json <planfile>`.
 *
 * @throws Error when the text is not a Terraform plan document.
 */
export function parsePlan(text: string): ParsedPlan {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new Error(`not a JSON plan: ${(error as Error).message}`);
  }
  if (!isRecord(document) || typeof document.format_version !== "string") {
    throw new Error("not a Terraform plan: no format_version (expected the output of `terraform show -json <plan>`)");
  }
  const raw = Array.isArray(document.resource_changes) ? document.resource_changes : [];
  const outputs = isRecord(document.output_changes) ? document.output_changes : {};
  return {
    terraformVersion: typeof document.terraform_version === "string" ? document.terraform_version : undefined,
    changes: raw.map(resourceChange).filter((change): change is ResourceChange => change !== undefined),
    outputChanges: Object.entries(outputs)
      .map(([name, change]) => ({ name, action: changeAction(isRecord(change) ? change.actions : undefined) }))
      .filter((output) => output.action !== "no-op")
      .sort((a, b) => a.name.localeCompare(b.name)),
    applyable: document.applyable !== false,
    errored: document.errored === true,
  };
}

/** The value at a dotted path (`a.0.b`) of a nested before/after object. */
export function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const step of path === "" ? [] : path.split(".")) {
    if (Array.isArray(current)) {
      current = current[Number(step)];
    } else if (isRecord(current)) {
      current = current[step];
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * True when a marker tree (`after_unknown`, `before_sensitive`) marks `path` or one of its
 * ancestors: Terraform marks a whole block `true` when all of it is unknown or sensitive.
 */
export function markedAt(markers: unknown, path: string): boolean {
  let current = markers;
  for (const step of path === "" ? [] : path.split(".")) {
    if (current === true) {
      return true;
    }
    current = valueAt(current, step);
  }
  return current === true;
}
