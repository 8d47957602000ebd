/**
 * Read access to synthesized stacks (`cdk.tf.json`, or a stack's `toTerraform()` before anything is
 * written), for the recovery budget, the DR invariants and the failover runbook: every number and
 * identifier they use is read here, with the address it came from, never copied by hand.
 */
import * as path from "node:path";
import { TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { readJson, readManifest } from "../synthesized-stacks";

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

/** One synthesized stack, as Terraform receives it. */
export interface StackJson {
  readonly resource?: Blocks;
  readonly data?: Blocks;
  readonly output?: Record<string, { readonly value: unknown }>;
  readonly provider?: Record<string, readonly Record<string, unknown>[]>;
  readonly terraform?: Record<string, unknown>;
}

/** Every stack of an app, by stack name (`primary`, `dr`, `global`, ...). */
export type SynthesizedStacks = Readonly<Record<string, StackJson>>;

/** A resource found in a stack, with where it is. */
export interface FoundResource {
  readonly stack: string;
  readonly type: string;
  /** Its name in the JSON: `aws_rds_cluster.<logicalId>` is its Terraform address. */
  readonly logicalId: string;
  /** The construct path cdktf records in the resource's metadata, e.g. `dr/Aurora/Resource`. */
  readonly constructPath: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** The synthesized stacks are not what the budget or the runbook expects: a titan bug or a stale synth. */
export class SynthesizedStackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SynthesizedStackError";
  }
}

/** Every stack listed in `<outDir>/manifest.json`, parsed. */
export function readSynthesizedStacks(outDir: string): SynthesizedStacks {
  return Object.fromEntries(
    readManifest(path.resolve(outDir)).map((stack) => [stack.name, readJson(stack.file) as StackJson]),
  );
}

/** The stack called `name`, or an error naming the stacks there are. */
export function stackNamed(stacks: SynthesizedStacks, name: string): StackJson {
  const stack = stacks[name];
  if (stack === undefined) {
    throw new SynthesizedStackError(
      `no synthesized stack "${name}" (found: ${Object.keys(stacks).join(", ") || "none"}); run npm run synth`,
    );
  }
  return stack;
}

/** The resources of `type` in stack `stack`, in JSON order. */
export function resourcesOfType(stacks: SynthesizedStacks, stack: string, type: string): FoundResource[] {
  const blocks = stackNamed(stacks, stack).resource?.[type] ?? {};
  return Object.entries(blocks).map(([logicalId, raw]) => {
    const { "//": metadata, ...attributes } = raw;
    const constructPath = (metadata as { metadata?: { path?: string } } | undefined)?.metadata?.path ?? logicalId;
    return { stack, type, logicalId, constructPath, attributes };
  });
}

/**
 * The one resource of `type` in `stack` that `where` accepts.
 *
 * @param what - what the caller looks for, in words, for the error when there is not exactly one.
 */
export function oneResource(
  stacks: SynthesizedStacks,
  stack: string,
  type: string,
  what: string,
  where: (resource: FoundResource) => boolean = () => true,
): FoundResource {
  const found = resourcesOfType(stacks, stack, type).filter(where);
  if (found.length !== 1) {
    const names = found.map((r) => r.constructPath).join(", ");
    throw new SynthesizedStackError(
      `expected one ${type} in ${stack} for ${what}, found ${found.length}${names ? ` (${names})` : ""}`,
    );
  }
  return found[0];
}

/** The Terraform address of a found resource, `type.logicalId`. */
export function addressOf(resource: FoundResource): string {
  return `${resource.type}.${resource.logicalId}`;
}

/**
 * The logical id a whole-value reference points at, e.g. `aws_route53_health_check.X` in
 * `"${aws_route53_health_check.X.id}"`; undefined for a literal or a longer expression.
 */
export function referencedLogicalId(value: unknown, type: string): string | undefined {
  const match = new RegExp(`^\\$\\{${type}\\.([A-Za-z0-9_-]+)\\.[a-z_]+\\}$`).exec(String(value));
  return match?.[1];
}

/** The attribute a whole-value reference reads, e.g. `reader_endpoint` in `"${aws_rds_cluster.X.reader_endpoint}"`. */
export function referencedAttribute(value: unknown): string | undefined {
  return /^\$\{[a-z0-9_]+\.[A-Za-z0-9_-]+\.([a-z_]+)\}$/.exec(String(value))?.[1];
}

/** A number an attribute must hold, or an error naming the resource and the attribute. */
export function numberAt(resource: FoundResource, attribute: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new SynthesizedStackError(
      `${resource.stack}: ${addressOf(resource)}.${attribute} is ${JSON.stringify(value)}, not a number the budget can use`,
    );
  }
  return value;
}

/**
 * Every stack of `app` as cdktf will write it (`toTerraform()`, the document in `cdk.tf.json`), so
 * a check can run before anything is written.
 */
export function renderStacks(app: IConstruct): SynthesizedStacks {
  return Object.fromEntries(
    app.node.children
      .filter((child): child is TerraformStack => TerraformStack.isStack(child))
      .map((stack) => [stack.node.id, stack.toTerraform() as StackJson]),
  );
}
