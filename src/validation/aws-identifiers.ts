/**
 * The shapes of AWS identifiers that config and constructs both check, each written once.
 */
import { textPattern } from "./limits";

export const AWS_REGION = textPattern(
  /^(us|eu|ap|sa|ca|me|af|il|mx)-(gov-)?[a-z]+-\d$/,
  "an AWS region code such as us-east-2",
);

export const AWS_ACCOUNT_ID = textPattern(/^\d{12}$/, "a 12-digit AWS account id");

/** An IAM role's ARN; group 2 is the role's name (unique per account, whatever its path). */
export const IAM_ROLE_ARN = textPattern(
  /^arn:aws[a-z-]*:iam::\d{12}:role\/(.+\/)?([\w+=,.@-]{1,64})$/,
  "an IAM role ARN such as arn:aws:iam::123456789012:role/deployer",
);

/** A managed policy's ARN (AWS's or the account's); group 3 is the policy's name. */
export const MANAGED_POLICY_ARN = textPattern(
  /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/(.+\/)?([\w+=,.@-]+)$/,
  "a literal managed policy ARN such as arn:aws:iam::aws:policy/Name",
);

/** A KMS key or alias ARN. */
export const KMS_KEY_ARN = textPattern(
  /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/,
  "a KMS key ARN or alias ARN",
);

/** The name within an ARN of `pattern` (its last capture group), or undefined when `arn` is not one. */
export function nameInArn(arn: string, pattern: { readonly regex: RegExp }): string | undefined {
  const match = pattern.regex.exec(arn);
  return match ? match[match.length - 1] : undefined;
}
