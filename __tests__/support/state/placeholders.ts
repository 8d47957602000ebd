/**
 * Placeholders for values Terraform only learns at apply time, of the type the provider schema
 * declares and the shape AWS gives them: a well-formed ARN for `arn` attributes, a UUID for KMS
 * key ids, an EC2-style id where EC2 validates the prefix. Deterministic: seeded by the address.
 */
import { createHash } from "node:crypto";
import { STUB_ACCOUNT_ID } from "../../../src/tooling/aws-stub/protocol";
import { type CtyType, isRecord } from "./schemas";

/** EC2 validates these ids' prefixes when they flow into other resources. */
const ID_PREFIXES: Readonly<Record<string, string>> = {
  aws_vpc: "vpc-",
  aws_subnet: "subnet-",
  aws_security_group: "sg-",
  aws_internet_gateway: "igw-",
  aws_nat_gateway: "nat-",
  aws_eip: "eipalloc-",
  aws_route_table: "rtb-",
  aws_vpc_endpoint: "vpce-",
  aws_flow_log: "fl-",
  aws_launch_template: "lt-",
  aws_ec2_managed_prefix_list: "pl-",
  aws_vpc_security_group_ingress_rule: "sgr-",
  aws_vpc_security_group_egress_rule: "sgr-",
  aws_default_security_group: "sg-",
  aws_route53_zone: "Z",
};

function hex(seed: string, length: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

function uuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A placeholder string for an attribute known only after apply. */
function placeholderString(resourceType: string, name: string, seed: string): string {
  const service = resourceType.replace(/^aws_/, "").split("_")[0];
  if (name === "arn" || name.endsWith("_arn")) {
    return service === "s3"
      ? `arn:aws:s3:::offline-${hex(seed, 12)}`
      : `arn:aws:${service}:us-east-2:${STUB_ACCOUNT_ID}:${resourceType.replace(/^aws_/, "")}/offline-${hex(seed, 12)}`;
  }
  if (resourceType === "aws_kms_key" && (name === "id" || name === "key_id")) {
    return uuid(seed);
  }
  if (name === "id" && ID_PREFIXES[resourceType]) {
    return `${ID_PREFIXES[resourceType]}${hex(seed, 17)}`;
  }
  return `offline-${hex(seed, 12)}`;
}

export function zeroValue(type: CtyType | undefined): unknown {
  if (type === "string" || type === undefined) {
    return "";
  }
  if (type === "number") {
    return 0;
  }
  if (type === "bool") {
    return false;
  }
  return type[0] === "map" || type[0] === "object" ? {} : [];
}

export function placeholder(type: CtyType | undefined, resourceType: string, name: string, seed: string): unknown {
  if (type === "string" || type === undefined) {
    return placeholderString(resourceType, name, seed);
  }
  if (type === "number") {
    return 0;
  }
  if (type === "bool") {
    return false;
  }
  const [kind, inner] = type;
  if (kind === "object" && isRecord(inner)) {
    return Object.fromEntries(
      Object.entries(inner).map(([key, t]) => [key, placeholder(t as CtyType, resourceType, key, `${seed}.${key}`)]),
    );
  }
  return kind === "map" ? {} : [];
}

/**
 * Values the provider validates or other resources take apart, for attributes whose config is an
 * expression this helper cannot evaluate (a `zipmap` over ACM's validation options).
 */
export const PLAUSIBLE_VALUES: Readonly<Record<string, unknown>> = {
  "aws_route53_record.type": "CNAME",
};

/** Computed blocks other resources index into: realistic shapes, derived from the planned values. */
export function computedShapes(type: string, after: unknown, seed: string): Record<string, unknown> {
  const planned = isRecord(after) ? after : {};
  if (type === "aws_acm_certificate") {
    const sans = Array.isArray(planned.subject_alternative_names) ? planned.subject_alternative_names : [];
    const names = [planned.domain_name, ...sans].filter((name): name is string => typeof name === "string");
    return {
      domain_validation_options: [...new Set(names)].map((name) => ({
        domain_name: name,
        resource_record_name: `_${hex(`${seed}${name}`, 32)}.${name}.`,
        resource_record_type: "CNAME",
        resource_record_value: `_${hex(`${name}${seed}`, 32)}.acm-validations.aws.`,
      })),
    };
  }
  if (type === "aws_kms_key") {
    // The key id is the last part of its ARN; titan derives names from it (the final snapshot).
    const id = uuid(seed);
    return { id, key_id: id, arn: `arn:aws:kms:us-east-2:${STUB_ACCOUNT_ID}:key/${id}` };
  }
  if (type === "aws_secretsmanager_secret" && typeof planned.name === "string") {
    // Secrets Manager's ARN form: the stub finds a deployed secret by the name in it.
    const arn = `arn:aws:secretsmanager:us-east-2:${STUB_ACCOUNT_ID}:secret:${planned.name}-${hex(seed, 6)}`;
    return { id: arn, arn };
  }
  if (type === "aws_eks_cluster") {
    return {
      identity: [{ oidc: [{ issuer: `https://oidc.eks.us-east-2.amazonaws.com/id/${hex(seed, 32).toUpperCase()}` }] }],
    };
  }
  return {};
}
