/**
 * A Terraform state "as if applied" from a saved plan, so tests can plan a change to deployed
 * infrastructure without an AWS account: every planned resource is written to a v4 state with
 * its planned values, and each value Terraform only learns at apply time gets a placeholder of
 * the type the provider schema declares (`state/placeholders.ts`). Planning the next config
 * against it with `-refresh=false` runs the provider's real diff, so a ForceNew change shows as a
 * replacement exactly as it would against AWS.
 */
import { randomUUID } from "node:crypto";
import { evaluate } from "./state/evaluate";
import { type FillContext, fill, type Slot } from "./state/fill";
import { computedShapes } from "./state/placeholders";
import { AWS_PROVIDER, AWS_VERSION, isRecord, loadAwsSchemas } from "./state/schemas";

function providerAddress(configKey: string | undefined): string {
  const alias = configKey?.includes(".") ? configKey.split(".")[1] : undefined;
  return `provider["${AWS_PROVIDER}"]${alias ? `.${alias}` : ""}`;
}

/** A state path step: an attribute name or a list index. */
type PathStep = { type: "get_attr"; value: string } | { type: "index"; value: { value: number; type: "number" } };

/**
 * The paths a marker tree (`after_sensitive`) marks true, in the state's `sensitive_attributes`
 * form. Without them Terraform plans an update to every resource with a sensitive value, only to
 * mark it sensitive.
 */
function sensitivePaths(markers: unknown, prefix: PathStep[] = []): PathStep[][] {
  if (markers === true) {
    return [prefix];
  }
  if (Array.isArray(markers)) {
    return markers.flatMap((m, i) =>
      sensitivePaths(m, [...prefix, { type: "index", value: { value: i, type: "number" } }]),
    );
  }
  if (isRecord(markers)) {
    return Object.entries(markers).flatMap(([key, m]) =>
      sensitivePaths(m, [...prefix, { type: "get_attr", value: key }]),
    );
  }
  return [];
}

/** A resource's attributes in a state written by {@link stateFromPlan}. */
function priorAttributes(prior: unknown, address: string): unknown {
  const resources = isRecord(prior) && Array.isArray(prior.resources) ? prior.resources : [];
  const found = resources.find((r) => isRecord(r) && `${r.type}.${r.name}` === address);
  const instances = isRecord(found) && Array.isArray(found.instances) ? found.instances : [];
  return isRecord(instances[0]) ? instances[0].attributes : undefined;
}

/**
 * The state Terraform would hold after applying `planJson` (the output of `terraform show -json`).
 * Resources the plan destroys are left out; data sources are not written (plan reads them again).
 *
 * @param prior - the state the plan was made against: a value the plan leaves unknown keeps its
 *   prior value, as an in-place update would.
 */
export function stateFromPlan(planJson: unknown, prior?: unknown): Record<string, unknown> {
  if (!isRecord(planJson) || !Array.isArray(planJson.resource_changes)) {
    throw new Error("stateFromPlan: not a plan from `terraform show -json`");
  }
  const builder = new StateBuilder(planJson, prior);
  return {
    version: 4,
    terraform_version: typeof planJson.terraform_version === "string" ? planJson.terraform_version : "1.11.0",
    serial: 1,
    lineage: randomUUID(),
    outputs: builder.outputs(),
    resources: builder.resources(),
    check_results: null,
  };
}

/** Builds each resource's attributes once, on demand, so references resolve in dependency order. */
class StateBuilder {
  private readonly schemas = loadAwsSchemas();
  private readonly config = new Map<string, Record<string, unknown>>();
  private readonly changes = new Map<string, Record<string, unknown>>();
  private readonly built = new Map<string, unknown>();
  private readonly building = new Set<string>();
  private readonly configuredOutputs: Record<string, unknown>;
  private readonly outputChanges: Record<string, unknown>;

  constructor(
    planJson: Record<string, unknown>,
    private readonly prior: unknown,
  ) {
    const root = isRecord(planJson.configuration) ? planJson.configuration.root_module : undefined;
    this.configuredOutputs = isRecord(root) && isRecord(root.outputs) ? root.outputs : {};
    this.outputChanges = isRecord(planJson.output_changes) ? planJson.output_changes : {};
    const configured = isRecord(root) && Array.isArray(root.resources) ? root.resources : [];
    for (const r of configured) {
      if (isRecord(r) && typeof r.address === "string") {
        this.config.set(r.address, r);
      }
    }
    for (const raw of planJson.resource_changes as unknown[]) {
      if (isRecord(raw) && raw.mode === "managed" && isRecord(raw.change) && !isDeleteOnly(raw.change.actions)) {
        this.changes.set(String(raw.address), raw);
      }
    }
  }

  /**
   * The root module's outputs as apply records them: the plan's value when it is known, else the
   * config's template evaluated against the resources built. Without them every later plan would
   * be applyable, only to record the outputs.
   */
  outputs(): Record<string, { value: unknown; type: unknown; sensitive?: true }> {
    const outputs: Record<string, { value: unknown; type: unknown; sensitive?: true }> = {};
    for (const [name, configured] of Object.entries(this.configuredOutputs)) {
      const change = this.outputChanges[name];
      const expression = isRecord(configured) ? configured.expression : undefined;
      const value =
        isRecord(change) && change.after_unknown === false
          ? change.after
          : evaluate(isRecord(expression) ? expression.constant_value : undefined, (ref, path) =>
              this.resolve(ref, path),
            );
      if (value === undefined || value === null) {
        continue;
      }
      const sensitive = isRecord(configured) && configured.sensitive === true;
      outputs[name] = { value, type: ctyTypeOf(value), ...(sensitive ? { sensitive: true as const } : {}) };
    }
    return outputs;
  }

  resources(): unknown[] {
    return [...this.changes.entries()].map(([address, raw]) => {
      const configKey = this.config.get(address)?.provider_config_key;
      return {
        mode: "managed",
        type: String(raw.type),
        name: String(raw.name),
        provider: providerAddress(typeof configKey === "string" ? configKey : undefined),
        instances: [
          {
            schema_version: this.schemas[String(raw.type)]?.version ?? 0,
            attributes: this.attributesOf(address),
            sensitive_attributes: sensitivePaths((raw.change as Record<string, unknown>).after_sensitive),
            dependencies: [],
          },
        ],
      };
    });
  }

  private attributesOf(address: string): unknown {
    if (this.built.has(address)) {
      return this.built.get(address);
    }
    const raw = this.changes.get(address);
    if (!raw || this.building.has(address)) {
      return undefined;
    }
    this.building.add(address);
    const type = String(raw.type);
    const schema = this.schemas[type];
    if (!schema) {
      throw new Error(`stateFromPlan: no aws ${AWS_VERSION} schema for ${type}`);
    }
    const change = raw.change as Record<string, unknown>;
    const topAttributes = schema.block.attributes ?? {};
    const ctx: FillContext = {
      resourceType: type,
      resolve: (ref, path) => this.resolve(ref, path),
      topLevel: (name) => Object.hasOwn(topAttributes, name),
    };
    const slot: Slot = {
      schema: { block: schema.block },
      expression: this.config.get(address)?.expressions,
      prior: priorAttributes(this.prior, address),
      name: "",
      seed: address,
    };
    const filled = fill(change.after, change.after_unknown, slot, ctx) as Record<string, unknown>;
    const attributes = { ...filled, ...computedShapes(type, change.after, address) };
    this.building.delete(address);
    this.built.set(address, attributes);
    return attributes;
  }

  private resolve(address: string, path: readonly string[]): unknown {
    let value = this.attributesOf(address);
    for (const step of path) {
      value = Array.isArray(value) ? value[Number(step)] : isRecord(value) ? value[step] : undefined;
    }
    return value ?? undefined;
  }
}

function isDeleteOnly(actions: unknown): boolean {
  return Array.isArray(actions) && actions.length === 1 && actions[0] === "delete";
}

/**
 * The cty type of an output's value as JSON config gives it: arrays are tuples and objects are
 * objects (what titan's outputs are; an output of a list attribute would need the list type).
 */
function ctyTypeOf(value: unknown): unknown {
  if (Array.isArray(value)) {
    return ["tuple", value.map(ctyTypeOf)];
  }
  if (isRecord(value)) {
    return ["object", Object.fromEntries(Object.entries(value).map(([key, item]) => [key, ctyTypeOf(item)]))];
  }
  return typeof value === "number" ? "number" : typeof value === "boolean" ? "bool" : "string";
}
