import { PLACEHOLDER_HOSTED_ZONE_ID } from "./defaults";
import { isCidr, parseCidr } from "./network";
import { REGION_ROLES } from "./regions";
import type { TitanConfig } from "./schema";
import { versionSupportWarnings } from "./support-calendar";

/** The smallest VPC whose private subnets (/23 each) fit a few nodes' worth of pod IPs. */
const MAX_EKS_VPC_PREFIX = 20;

/**
 * Settings that are valid but will hurt at deploy time. Not errors: the defaults must synthesize
 * so the project can be reviewed and validated before anyone has an account or a domain, and a
 * date passing must never block a DR apply. `now` dates the version-support warnings.
 */
export function configWarnings(config: TitanConfig, now: Date): string[] {
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
  if (config.observability.alarmEmails.length === 0 && !config.observability.alarmsSubscribedElsewhere) {
    warnings.push(
      "observability.alarmEmails is empty and nothing else is declared to subscribe: every alarm, and the " +
        `pipeline's request to approve the DR release, goes to ${config.project}-<role>-alarms topics nobody reads; ` +
        "list an address, or subscribe a pager or chat integration and set observability.alarmsSubscribedElsewhere",
    );
  }
  if (config.domain.hostedZoneId === PLACEHOLDER_HOSTED_ZONE_ID) {
    warnings.push("domain.hostedZoneId is the placeholder: certificates cannot be validated; set your public zone");
  }
  if (config.edge.shieldAdvanced) {
    warnings.push(
      "edge.shieldAdvanced is true: applying global subscribes the account to Shield Advanced, USD 3,000 a month " +
        "with a one-year commitment that destroying the stack does not end",
    );
  }
  if (config.web.runtime === "eks") {
    for (const role of REGION_ROLES) {
      const cidr = parseCidr(config.regions[role].vpcCidr);
      // Private subnets are a /(N+3) each (see planSubnets); the VPC CNI gives every pod a VPC IP.
      if (isCidr(cidr) && cidr.prefixLength > MAX_EKS_VPC_PREFIX) {
        const podSubnetAddresses = 2 ** (32 - (cidr.prefixLength + 3));
        warnings.push(
          `regions.${role}.vpcCidr is a /${cidr.prefixLength}: each private subnet holds ${podSubnetAddresses} addresses, ` +
            `and EKS pods take one each (a t3.medium node reserves up to 18); use a /${MAX_EKS_VPC_PREFIX} or larger with web.runtime "eks"`,
        );
      }
    }
  }
  warnings.push(...versionSupportWarnings(config, now));
  if (config.teardown) {
    warnings.push(
      "teardown is on: deletion protection, prevent_destroy, the backup vaults' locks and the secrets' recovery window are lifted, and buckets, " +
        "repositories and the backup vault are destroyed with their contents; apply, then destroy in reverse deploy order (README, Teardown)",
    );
  }
  return warnings;
}
