/**
 * Which `endpoints { ... }` keys of the aws provider a stack needs pointed at the stub: one per
 * AWS service of its resources, data sources and ephemeral resources, because a plan may call any
 * of them (data sources always, some CustomizeDiffs too). A type this table does not know is an
 * error, not a skip: an endpoint left at its default would send the plan to real AWS.
 */

/**
 * Resource type prefix (matched on whole `_`-separated words, longest first) -> endpoint key.
 * Keys are the provider's canonical names (`endpoints` also accepts aliases such as
 * `cloudwatchlogs`; setting an alias and its canonical name together is an error).
 */
const ENDPOINT_KEY_BY_PREFIX: Readonly<Record<string, string>> = {
  aws_acm: "acm",
  aws_alb: "elbv2",
  aws_autoscaling: "autoscaling",
  aws_backup: "backup",
  aws_caller_identity: "sts",
  aws_cloudfront: "cloudfront",
  aws_cloudwatch: "cloudwatch",
  aws_cloudwatch_event: "events",
  aws_cloudwatch_log: "logs",
  aws_codebuild: "codebuild",
  aws_codeconnections: "codeconnections",
  aws_codepipeline: "codepipeline",
  aws_codestarconnections: "codestarconnections",
  aws_db: "rds",
  aws_ecr: "ecr",
  aws_eks: "eks",
  aws_elasticache: "elasticache",
  aws_elb: "elb",
  aws_iam: "iam",
  aws_kms: "kms",
  aws_lambda: "lambda",
  aws_lb: "elbv2",
  aws_rds: "rds",
  aws_route53: "route53",
  aws_s3: "s3",
  aws_secretsmanager: "secretsmanager",
  aws_shield: "shield",
  aws_sns: "sns",
  aws_sqs: "sqs",
  aws_ssm: "ssm",
  aws_wafv2: "wafv2",
  aws_xray: "xray",
  // EC2 owns the VPC and instance types, which carry no service prefix.
  aws_ami: "ec2",
  aws_availability_zone: "ec2",
  aws_availability_zones: "ec2",
  aws_default_network_acl: "ec2",
  aws_default_route_table: "ec2",
  aws_default_security_group: "ec2",
  aws_ebs: "ec2",
  aws_ec2: "ec2",
  aws_eip: "ec2",
  aws_flow_log: "ec2",
  aws_instance: "ec2",
  aws_internet_gateway: "ec2",
  aws_key_pair: "ec2",
  aws_launch_template: "ec2",
  aws_nat_gateway: "ec2",
  aws_network_acl: "ec2",
  aws_network_interface: "ec2",
  aws_route: "ec2",
  aws_security_group: "ec2",
  aws_subnet: "ec2",
  aws_vpc: "ec2",
};

/**
 * Endpoints every provider configuration calls before any resource: the account id lookup
 * (`iam:GetUser`, then `sts:GetCallerIdentity`).
 */
const PROVIDER_ENDPOINT_KEYS: readonly string[] = ["iam", "sts"];

/** Types with no API behind them (computed by the provider itself). */
const LOCAL_TYPES: ReadonlySet<string> = new Set(["aws_iam_policy_document", "aws_partition"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The endpoint key for one resource/data/ephemeral type, or undefined when the table lacks it. */
export function endpointKeyFor(type: string): string | undefined {
  const words = type.split("_");
  for (let n = words.length; n >= 2; n--) {
    const key = ENDPOINT_KEY_BY_PREFIX[words.slice(0, n).join("_")];
    if (key !== undefined) {
      return key;
    }
  }
  return undefined;
}

/** Every `aws_*` type a synthesized stack declares as a resource, data source or ephemeral resource. */
export function awsTypesIn(stackJson: unknown): string[] {
  if (!isRecord(stackJson)) {
    return [];
  }
  const types = ["resource", "data", "ephemeral"].flatMap((block) => {
    const value = stackJson[block];
    return isRecord(value) ? Object.keys(value) : [];
  });
  return [...new Set(types.filter((t) => t.startsWith("aws_")))].sort();
}

/**
 * The sorted endpoint keys a stack needs.
 *
 * @throws Error naming every type without a mapping, so the table gets extended before a plan
 *   can reach the real AWS endpoint for it.
 */
export function endpointKeysFor(stackJson: unknown): string[] {
  const keys = new Set(PROVIDER_ENDPOINT_KEYS);
  const unmapped: string[] = [];
  for (const type of awsTypesIn(stackJson)) {
    const key = endpointKeyFor(type);
    if (key !== undefined) {
      keys.add(key);
    } else if (!LOCAL_TYPES.has(type)) {
      unmapped.push(type);
    }
  }
  if (unmapped.length > 0) {
    throw new Error(
      `no aws provider endpoint known for ${unmapped.join(", ")}: add the type's prefix and its endpoints key ` +
        "to ENDPOINT_KEY_BY_PREFIX in src/tooling/aws-stub/endpoints.ts",
    );
  }
  return [...keys].sort();
}
