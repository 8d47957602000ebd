import { TerraformStack } from "cdktf";
import { Construct } from "constructs";

interface RemovedBlock {
  readonly from: string;
  readonly lifecycle: { readonly destroy: false };
}

/** The `removed` blocks of each stack: every call rewrites the stack's whole list. */
const removedBlocks = new WeakMap<TerraformStack, RemovedBlock[]>();

/**
 * Makes Terraform drop a resource of `type` that used to live at the construct path
 * `scope/formerId` from this stack's state, without destroying the object: a `removed` block
 * with `destroy = false` (Terraform 1.7+). For a record another stack owns now, whose deletion
 * here would delete the owner's record.
 *
 * cdktf 0.21 has no class for `removed` blocks, so they are a stack override. The address comes
 * from cdktf's own logical-id allocation for that path, computed on a placeholder construct that
 * renders nothing. Returns the address.
 */
export function forgetResource(scope: Construct, formerId: string, type: string): string {
  const stack = TerraformStack.of(scope);
  const placeholder = new Construct(scope, formerId);
  const address = `${type}.${stack.getLogicalId(placeholder.node)}`;
  const blocks = removedBlocks.get(stack) ?? [];
  if (!blocks.some((block) => block.from === address)) {
    blocks.push({ from: address, lifecycle: { destroy: false } });
  }
  removedBlocks.set(stack, blocks);
  stack.addOverride("removed", [...blocks]);
  return address;
}
