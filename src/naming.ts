import { createHash } from "node:crypto";
import type { RegionRole } from "./config";

/** Where a name lives: a region's stacks, or the global edge. */
export type NameScope = RegionRole | "global";

/**
 * AWS naming rules per kind of resource. `maxLength` is the service's limit; `lowercase` is set
 * where the service rejects capitals (S3, ElastiCache, RDS) so every name is safe there.
 */
export const NAME_RULES = {
  default: { maxLength: 255 },
  s3Bucket: { maxLength: 63 },
  iamRole: { maxLength: 64 },
  iamPolicy: { maxLength: 128 },
  loadBalancer: { maxLength: 32 },
  targetGroup: { maxLength: 32 },
  elasticache: { maxLength: 40 },
  rdsCluster: { maxLength: 63 },
  eksCluster: { maxLength: 100 },
  eksNodeGroup: { maxLength: 63 },
  backupVault: { maxLength: 50 },
  backupPlan: { maxLength: 50 },
  backupSelection: { maxLength: 50 },
  codePipeline: { maxLength: 100 },
  codeConnection: { maxLength: 32 },
  wafAcl: { maxLength: 128 },
  xrayGroup: { maxLength: 32 },
  xraySamplingRule: { maxLength: 32 },
} as const satisfies Record<string, { maxLength: number }>;

export type NameKind = keyof typeof NAME_RULES;

const HASH_LENGTH = 6;

/**
 * Makes every physical name in titan: `<project>-<scope>-<component>`.
 *
 * The scope (primary, dr, global) is in every name, so the same construct built in both regions
 * never collides on account-wide names (IAM roles, CloudFront, Route 53) or global ones (S3). A
 * name longer than its service allows keeps its start and ends in a hash of the whole, so it stays
 * unique and stable.
 */
export class Namer {
  constructor(
    readonly project: string,
    readonly scope: NameScope,
    private readonly bucketSuffix = "",
  ) {}

  /** A name for `component` (lowercase words joined by hyphens), within the kind's limit. */
  name(component: string, kind: NameKind = "default"): string {
    assertComponent(component);
    return fitToLength(`${this.project}-${this.scope}-${component}`, NAME_RULES[kind].maxLength);
  }

  /** An S3 bucket name: S3 names are global, so the configured suffix is appended. */
  bucket(component: string): string {
    assertComponent(component);
    const suffix = this.bucketSuffix ? `-${this.bucketSuffix}` : "";
    return fitToLength(`${this.project}-${this.scope}-${component}${suffix}`, NAME_RULES.s3Bucket.maxLength);
  }

  /** The same naming for another scope (a DR stack naming its primary counterpart). */
  forScope(scope: NameScope): Namer {
    return new Namer(this.project, scope, this.bucketSuffix);
  }
}

function assertComponent(component: string): void {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(component)) {
    throw new Error(`name component "${component}" must be lowercase words joined by single hyphens`);
  }
}

function fitToLength(name: string, maxLength: number): string {
  if (name.length <= maxLength) {
    return name;
  }
  const hash = createHash("sha256").update(name).digest("hex").slice(0, HASH_LENGTH);
  const head = name.slice(0, maxLength - HASH_LENGTH - 1).replace(/-+$/, "");
  return `${head}-${hash}`;
}

/**
 * Where the team workflow keeps saved plans in a state bucket, between a plan job and its apply:
 * `<project>/plans/<stack>/<run>/plan.bin`. The plan role may write there and nowhere else but the
 * lock, and the state bucket expires them (they hold the state's values).
 */
export function savedPlansPrefix(project: string): string {
  return `${project}/plans/`;
}
