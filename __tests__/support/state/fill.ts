/**
 * A planned resource's `after` with every value the plan leaves unknown filled in: its prior
 * value, else what its config expression evaluates to, else a placeholder.
 */
import { evaluate, type Resolve } from "./evaluate";
import { PLAUSIBLE_VALUES, placeholder, zeroValue } from "./placeholders";
import { type CtyType, isRecord, type SchemaAttribute, type SchemaBlock } from "./schemas";

/** The config expression node at `key` (attribute or nested block) of an `expressions` object. */
function childExpression(expressions: unknown, key: string | number): unknown {
  if (Array.isArray(expressions)) {
    return expressions[Number(key)] ?? (expressions.length === 1 ? expressions[0] : undefined);
  }
  return isRecord(expressions) ? expressions[key] : undefined;
}

export interface FillContext {
  readonly resourceType: string;
  readonly resolve: Resolve;
  /** True for a top-level attribute of the resource (nested placeholders keep their shape). */
  readonly topLevel: (name: string) => boolean;
}

/** Where a value sits: its schema, its config expression, its prior value and a placeholder seed. */
export interface Slot {
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
export function fill(value: unknown, unknown: unknown, slot: Slot, ctx: FillContext): unknown {
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
