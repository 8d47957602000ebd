import { Token } from "cdktf";

/**
 * A string token for a Terraform expression cdktf has no class for (an ephemeral value, `try(...)`
 * over a counted data source). A plain `"${...}"` string would be escaped to a literal inside
 * `Fn.*` calls; this token renders braced as an argument and bare inside a function call, as
 * cdktf's own references do. Wrap it in `Token.asNumber` for a number argument.
 */
export function terraformExpression(expression: string): string {
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
