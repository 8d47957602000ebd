/**
 * A Terraform state "as if applied" from a saved plan, so tests can plan a change to deployed
 * infrastructure without an AWS account: every planned resource is written to a v4 state with
 * its planned values, and each value Terraform only learns at apply time gets a placeholder of
 * the type the provider schema declares (a well-formed ARN for `arn` attributes, a UUID for KMS
 * key ids, an EC2-style id where EC2 validates the prefix). Planning the next config against it
 * with `-refresh=false` runs the provider's real diff, so a ForceNew change shows as a replacement
 * exactly as it would against AWS.
 */
import { spawnSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { STUB_ACCOUNT_ID } from "../../src/tooling/aws-stub/protocol";
import { cliConfigPath, terraformEnv } from "../../src/tooling/terraform-cli";

const AWS_PROVIDER = "registry.terraform.io/hashicorp/aws";
const AWS_VERSION = "5.100.0";

type CtyType = string | [string, unknown];
interface SchemaAttribute {
  readonly type?: CtyType;
  readonly optional?: boolean;
  readonly computed?: boolean;
}
interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, { readonly nesting_mode: string; readonly block: SchemaBlock }>;
}
interface ResourceSchema {
  readonly version: number;
  readonly block: SchemaBlock;
}

/** The aws provider's resource schemas, read once per test file. */
let awsSchemas: Record<string, ResourceSchema> | undefined;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `terraform providers schema -json` of the pinned aws provider, from the project's CLI config. */
export function loadAwsSchemas(): Record<string, ResourceSchema> {
  if (awsSchemas) {
    return awsSchemas;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "titan-schema-"));
  try {
    const config = { terraform: { required_providers: { aws: { source: "hashicorp/aws", version: AWS_VERSION } } } };
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(config));
    const env = terraformEnv(cliConfigPath(path.resolve(__dirname, "..", "..")), process.env);
    const run = (args: string[]) =>
      spawnSync("terraform", args, { cwd: dir, env, encoding: "utf8", maxBuffer: 1 << 30 });
    const init = run(["init", "-backend=false", "-input=false", "-no-color"]);
    if (init.status !== 0) {
      throw new Error(`terraform init for the aws schema failed:\n${init.stderr}`);
    }
    const schema = run(["providers", "schema", "-json"]);
    if (schema.status !== 0) {
      throw new Error(`terraform providers schema failed:\n${schema.stderr}`);
    }
    awsSchemas = JSON.parse(schema.stdout).provider_schemas[AWS_PROVIDER].resource_schemas;
    return awsSchemas as Record<string, ResourceSchema>;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** EC2 validates these ids' prefixes when they flow into other resources. */
const ID_PREFIXES: Readonly<Record<string, string>> = {
  aws_vpc: "vpc-",
  aws_subnet: "subnet-",
  aws_security_group: "sg-",
  aws_internet_gateway: "igw-",
  aws_nat_gateway: "nat-",
  aws_eip: "eipalloc-",
  aws_route_table: "rtb-",
  aws_vpc_endpoint: "vpce-",
  aws_flow_log: "fl-",
  aws_launch_template: "lt-",
  aws_ec2_managed_prefix_list: "pl-",
  aws_vpc_security_group_ingress_rule: "sgr-",
  aws_vpc_security_group_egress_rule: "sgr-",
  aws_default_security_group: "sg-",
  aws_route53_zone: "Z",
};

function hex(seed: string, length: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

function uuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A placeholder string for an attribute known only after apply. */
function placeholderString(resourceType: string, name: string, seed: string): string {
  const service = resourceType.replace(/^aws_/, "").split("_")[0];
  if (name === "arn" || name.endsWith("_arn")) {
    return service === "s3"
      ? `arn:aws:s3:::offline-${hex(seed, 12)}`
      : `arn:aws:${service}:us-east-2:${STUB_ACCOUNT_ID}:${resourceType.replace(/^aws_/, "")}/offline-${hex(seed, 12)}`;
  }
  if (resourceType === "aws_kms_key" && (name === "id" || name === "key_id")) {
    return uuid(seed);
  }
  if (name === "id" && ID_PREFIXES[resourceType]) {
    return `${ID_PREFIXES[resourceType]}${hex(seed, 17)}`;
  }
  return `offline-${hex(seed, 12)}`;
}

function zeroValue(type: CtyType | undefined): unknown {
  if (type === "string" || type === undefined) {
    return "";
  }
  if (type === "number") {
    return 0;
  }
  if (type === "bool") {
    return false;
  }
  return type[0] === "map" || type[0] === "object" ? {} : [];
}

function placeholder(type: CtyType | undefined, resourceType: string, name: string, seed: string): unknown {
  if (type === "string" || type === undefined) {
    return placeholderString(resourceType, name, seed);
  }
  if (type === "number") {
    return 0;
  }
  if (type === "bool") {
    return false;
  }
  const [kind, inner] = type;
  if (kind === "object" && isRecord(inner)) {
    return Object.fromEntries(
      Object.entries(inner).map(([key, t]) => [key, placeholder(t as CtyType, resourceType, key, `${seed}.${key}`)]),
    );
  }
  return kind === "map" ? {} : [];
}

/**
 * Evaluates a JSON-syntax config value (`"${aws_s3_bucket.B.id}"`, `"${aws_s3_bucket.B.arn}/*"`,
 * lists and objects of those) against the state being built. Undefined when it calls a function
 * or reads a data source: those are left to a placeholder, and to the next plan.
 */
type Resolve = (address: string, path: readonly string[]) => unknown;

/** `aws_x.Name.attr[0].nested` as an address and a path, or undefined for anything else. */
function reference(text: string): { address: string; path: string[] } | undefined {
  const match = /^([a-z0-9_]+\.[A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_]+|\[\d+\])+)$/.exec(text);
  if (!match) {
    return undefined;
  }
  const path = [...match[2].matchAll(/\.([A-Za-z0-9_]+)|\[(\d+)\]/g)].map((m) => m[1] ?? m[2]);
  return { address: match[1], path };
}

function evaluate(raw: unknown, resolve: Resolve): unknown {
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

/** The config expression node at `key` (attribute or nested block) of an `expressions` object. */
function childExpression(expressions: unknown, key: string | number): unknown {
  if (Array.isArray(expressions)) {
    return expressions[Number(key)] ?? (expressions.length === 1 ? expressions[0] : undefined);
  }
  return isRecord(expressions) ? expressions[key] : undefined;
}

interface FillContext {
  readonly resourceType: string;
  readonly resolve: Resolve;
  /** True for a top-level attribute of the resource (nested placeholders keep their shape). */
  readonly topLevel: (name: string) => boolean;
}

/**
 * Values the provider validates or other resources take apart, for attributes whose config is an
 * expression this helper cannot evaluate (a `zipmap` over ACM's validation options).
 */
const PLAUSIBLE_VALUES: Readonly<Record<string, unknown>> = {
  "aws_route53_record.type": "CNAME",
};

/** Computed blocks other resources index into: realistic shapes, derived from the planned values. */
function computedShapes(type: string, after: unknown, seed: string): Record<string, unknown> {
  const planned = isRecord(after) ? after : {};
  if (type === "aws_acm_certificate") {
    const sans = Array.isArray(planned.subject_alternative_names) ? planned.subject_alternative_names : [];
    const names = [planned.domain_name, ...sans].filter((name): name is string => typeof name === "string");
    return {
      domain_validation_options: [...new Set(names)].map((name) => ({
        domain_name: name,
        resource_record_name: `_${hex(`${seed}${name}`, 32)}.${name}.`,
        resource_record_type: "CNAME",
        resource_record_value: `_${hex(`${name}${seed}`, 32)}.acm-validations.aws.`,
      })),
    };
  }
  if (type === "aws_kms_key") {
    // The key id is the last part of its ARN; titan derives names from it (the final snapshot).
    const id = uuid(seed);
    return { id, key_id: id, arn: `arn:aws:kms:us-east-2:${STUB_ACCOUNT_ID}:key/${id}` };
  }
  if (type === "aws_eks_cluster") {
    return {
      identity: [{ oidc: [{ issuer: `https://oidc.eks.us-east-2.amazonaws.com/id/${hex(seed, 32).toUpperCase()}` }] }],
    };
  }
  return {};
}

/** Where a value sits: its schema, its config expression, its prior value and a placeholder seed. */
interface Slot {
  readonly schema: { attribute?: SchemaAttribute; block?: SchemaBlock; nesting?: string };
  readonly expression: unknown;
  readonly prior: unknown;
  /** The attribute's own name (placeholders depend on it). */
  readonly name: string;
  readonly seed: string;
}

/** The value of an attribute the plan only knows after apply. */
function unknownValue(slot: Slot, ctx: FillContext): unknown {
  const { schema, expression, prior, name, seed } = slot;
  if (prior !== undefined && prior !== null) {
    return prior;
  }
  const configured =
    isRecord(expression) && "constant_value" in expression
      ? evaluate(expression.constant_value, ctx.resolve)
      : undefined;
  if (configured !== undefined) {
    return configured;
  }
  const plausible = PLAUSIBLE_VALUES[`${ctx.resourceType}.${name}`];
  if (plausible !== undefined) {
    return plausible;
  }
  if (schema.block) {
    const single = schema.nesting === "single" || schema.nesting === "group";
    return single ? fill({}, {}, { ...slot, schema: { block: schema.block }, prior: undefined }, ctx) : [];
  }
  if (schema.attribute?.optional && schema.attribute.computed && ctx.topLevel(name) && name !== "id") {
    // Optional values AWS picks (FIFO scope, name prefix): the SDK stores the zero value when the
    // API returns none, and keeps a prior value the config leaves unset; a made-up value could
    // fail the provider's validation.
    return zeroValue(schema.attribute.type);
  }
  return placeholder(schema.attribute?.type, ctx.resourceType, name, seed);
}

function fillList(items: unknown[], markers: unknown[], slot: Slot, ctx: FillContext): unknown[] {
  const { schema, expression, prior } = slot;
  const elementSchema = schema.block
    ? { block: schema.block }
    : { attribute: { type: elementType(schema.attribute?.type) } };
  const priors = Array.isArray(prior) ? prior : [];
  return items.map((item, i) =>
    fill(
      item,
      markers[i],
      {
        schema: elementSchema,
        expression: schema.block ? childExpression(expression, i) : elementOfConstant(expression, i),
        prior: priors[i],
        name: slot.name,
        seed: `${slot.seed}.${i}`,
      },
      ctx,
    ),
  );
}

function fillObject(object: Record<string, unknown>, markers: Record<string, unknown>, slot: Slot, ctx: FillContext) {
  const { schema, expression, prior } = slot;
  const result: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(object), ...Object.keys(markers)])) {
    const nested = schema.block?.block_types?.[key];
    const child = nested
      ? { block: nested.block, nesting: nested.nesting_mode }
      : { attribute: schema.block?.attributes?.[key] ?? { type: objectFieldType(schema.attribute?.type, key) } };
    result[key] = fill(
      object[key],
      markers[key],
      {
        schema: child,
        expression: childExpression(expression, key),
        prior: isRecord(prior) ? prior[key] : undefined,
        name: key,
        seed: `${slot.seed}.${key}`,
      },
      ctx,
    );
  }
  return result;
}

/**
 * `value` with every unknown (per `unknown`, the plan's `after_unknown`) replaced: by its prior
 * value, else by what its config expression evaluates to against the state being built, else a
 * placeholder.
 */
function fill(value: unknown, unknown: unknown, slot: Slot, ctx: FillContext): unknown {
  if (unknown === true) {
    return unknownValue(slot, ctx);
  }
  if (Array.isArray(value) || Array.isArray(unknown)) {
    return fillList(Array.isArray(value) ? value : [], Array.isArray(unknown) ? unknown : [], slot, ctx);
  }
  if (isRecord(value) || isRecord(unknown)) {
    return fillObject(isRecord(value) ? value : {}, isRecord(unknown) ? unknown : {}, slot, ctx);
  }
  return value;
}

/** Element `i` of a list attribute's constant, as an expression node. */
function elementOfConstant(expression: unknown, i: number): unknown {
  const constant = isRecord(expression) ? expression.constant_value : undefined;
  return Array.isArray(constant) ? { constant_value: constant[i] } : undefined;
}

function elementType(type: CtyType | undefined): CtyType | undefined {
  return Array.isArray(type) ? (type[1] as CtyType) : undefined;
}

function objectFieldType(type: CtyType | undefined, key: string): CtyType | undefined {
  if (Array.isArray(type) && type[0] === "object" && isRecord(type[1])) {
    return type[1][key] as CtyType;
  }
  return Array.isArray(type) && type[0] === "map" ? (type[1] as CtyType) : undefined;
}

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
    outputs: {},
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

  constructor(
    planJson: Record<string, unknown>,
    private readonly prior: unknown,
  ) {
    const root = isRecord(planJson.configuration) ? planJson.configuration.root_module : undefined;
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
