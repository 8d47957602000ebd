import { TerraformResource, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { PolicyDocumentResolver } from "./policy-document";
import type { Attributes, RuleContext, SynthesizedResource } from "./rule";

type StackJson = {
  readonly resource?: Record<string, Record<string, Attributes>>;
  readonly data?: Record<string, Record<string, Attributes>>;
};

/**
 * Reads resources as they are written to `cdk.tf.json`: from the stack's own `toTerraform()`, the
 * document cdktf writes, so a rule sees overrides, escape hatches and resolved tokens exactly as
 * Terraform will. A stack is rendered at most once per pass over the tree.
 */
export class RenderedResources {
  private readonly stacks = new Map<TerraformStack, StackJson>();

  /** Forget `stack`'s rendering: a new pass over the tree starts at the stack node. */
  invalidate(stack: TerraformStack): void {
    this.stacks.delete(stack);
  }

  /** `node` as synthesized, or undefined when it is not a resource or is not rendered (moved away). */
  of(node: IConstruct): SynthesizedResource | undefined {
    if (!TerraformResource.isTerraformResource(node)) {
      return undefined;
    }
    const stack = TerraformStack.of(node);
    const find = (json: StackJson) => json.resource?.[node.terraformResourceType]?.[node.friendlyUniqueId];
    let attributes = this.stacks.has(stack) ? find(this.render(stack, false)) : undefined;
    // Not in the cached rendering: the resource may have been added since; render once more.
    attributes ??= find(this.render(stack, true));
    if (attributes === undefined) {
      return undefined;
    }
    const { "//": _metadata, ...rest } = JSON.parse(JSON.stringify(attributes)) as Record<string, unknown>;
    return { type: node.terraformResourceType, attributes: rest };
  }

  /** What rules may look up about `node`'s stack: its policy documents, as rendered. */
  contextOf(node: IConstruct): RuleContext {
    const json = this.render(TerraformStack.of(node), false);
    return contextFromStackJson(json);
  }

  private render(stack: TerraformStack, fresh: boolean): StackJson {
    let json = fresh ? undefined : this.stacks.get(stack);
    if (json === undefined) {
      json = stack.toTerraform() as StackJson;
      this.stacks.set(stack, json);
    }
    return json;
  }
}

/** A rule context over a stack rendering, or over a parsed `cdk.tf.json`. */
export function contextFromStackJson(json: unknown): RuleContext {
  const data = (json as StackJson | undefined)?.data?.aws_iam_policy_document ?? {};
  const resolver = new PolicyDocumentResolver(data);
  return { policyDocument: (value) => resolver.lookup(value) };
}
