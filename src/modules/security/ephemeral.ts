import { TerraformStack, Token } from "cdktf";
import type { IConstruct } from "constructs";

/**
 * Ephemeral resources (Terraform 1.10+) for constructs that feed secrets into write-only
 * arguments, until cdktf has classes for them.
 *
 * WHY here: cdktf 0.21 has no ephemeral-resource binding, so a construct adds the block to its
 * stack by override (`ephemeral.<type>.<name>`) and refers to its attributes through a token that
 * renders like cdktf's own references. Ephemeral resources keep no state, so renaming one is
 * harmless; the name still carries a hash of the owning construct's path so two constructs in one
 * stack never collide.
 */

/** The block name `<prefix>_<8 hex of the construct's address>`: unique per stack, stable per path. */
export function ephemeralName(owner: IConstruct, prefix: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(prefix)) {
    throw new Error(`ephemeralName: prefix "${prefix}" must be lowercase letters, digits and underscores`);
  }
  return `${prefix}_${owner.node.addr.slice(0, 8)}`;
}

/** Adds `ephemeral.<type>.<name>` with `body` to the stack of `owner`; returns `ephemeral.<type>.<name>`. */
export function addEphemeralBlock(
  owner: IConstruct,
  type: string,
  name: string,
  body: Readonly<Record<string, unknown>>,
): string {
  TerraformStack.of(owner).addOverride(`ephemeral.${type}.${name}`, body);
  return `ephemeral.${type}.${name}`;
}

/**
 * A string token for a Terraform expression that cdktf has no class for. A plain `"${...}"` string
 * would be escaped to a literal inside `Fn.jsonencode`; the token renders braced as an argument and
 * bare inside a function call, as cdktf's own references do.
 */
export function ephemeralReference(expression: string): string {
  return Token.asString({
    creationStack: [],
    // The part of cdktf's resolve context this token reads and sets, as its own references do.
    resolve: (context: { suppressBraces?: boolean }) => {
      const insideExpression = context.suppressBraces === true;
      context.suppressBraces = true;
      return insideExpression ? expression : `\${${expression}}`;
    },
  });
}

/**
 * Reads a Secrets Manager secret ephemerally (`ephemeral.aws_secretsmanager_secret_version`) and
 * returns a reference to one field of its JSON `secret_string`, for a write-only argument.
 *
 * @param secretId name or ARN of the secret (a name finds the replica in a region that holds one).
 * @param versionId pin to the version a write just created; omit to read AWSCURRENT.
 * @param dependsOn `<type>.<name>` addresses the read must wait for.
 */
export function ephemeralSecretField(
  owner: IConstruct,
  name: string,
  options: { secretId: string; versionId?: string; dependsOn?: readonly string[] },
): (field: string) => string {
  const address = addEphemeralBlock(owner, "aws_secretsmanager_secret_version", name, {
    secret_id: options.secretId,
    ...(options.versionId === undefined ? {} : { version_id: options.versionId }),
    ...(options.dependsOn === undefined ? {} : { depends_on: [...options.dependsOn] }),
  });
  return (field: string) => {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(field)) {
      throw new Error(`ephemeralSecretField: "${field}" is not a plain JSON key`);
    }
    return ephemeralReference(`jsondecode(${address}.secret_string)["${field}"]`);
  };
}
