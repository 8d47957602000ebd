import { PLACEHOLDER_HOSTED_ZONE_ID } from "./defaults";
import type { TitanConfig } from "./schema";

/**
 * Settings that are valid but will hurt at deploy time. Not errors: the defaults must synthesize
 * so the project can be reviewed and validated before anyone has an account or a domain.
 */
export function configWarnings(config: TitanConfig): string[] {
  const warnings: string[] = [];
  if (config.bucketSuffix === "") {
    warnings.push(
      "bucketSuffix is empty: S3 bucket names are global across all AWS accounts, so names like " +
        `"${config.project}-primary-tfstate" are likely taken; set it, e.g. to your account id`,
    );
  }
  if (config.kubernetes.adminRoleArns.length === 0) {
    warnings.push(
      "kubernetes.adminRoleArns is empty: the clusters grant nobody admin (no creator bootstrap), so the " +
        "*-k8s stacks cannot be applied; list the IAM role you deploy them with",
    );
  }
  if (config.domain.hostedZoneId === PLACEHOLDER_HOSTED_ZONE_ID) {
    warnings.push("domain.hostedZoneId is the placeholder: certificates cannot be validated; set your public zone");
  }
  return warnings;
}
