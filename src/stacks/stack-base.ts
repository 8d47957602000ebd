import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Backend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { RegionRole, TitanConfig } from "../config";
import { Namer, type NameScope } from "../naming";

/** Where a stack keeps its Terraform state. */
export type BackendChoice =
  /** The region's state bucket (the default for every stack but the state stacks). */
  | "s3"
  /** A local file: for the state stacks (they create the bucket) and for offline test instances. */
  | "local";

export interface TitanStackProps {
  readonly config: TitanConfig;
  /** @default "s3" */
  readonly backend?: BackendChoice;
}

/** The state bucket of `role`'s region: named from config, so every stack knows it at synth time. */
export function stateBucketName(config: TitanConfig, role: RegionRole): string {
  return new Namer(config.project, role, config.bucketSuffix).bucket("tfstate");
}

/** The state object of stack `stackId`: one key per stack in its region's bucket. */
export function stateKey(config: TitanConfig, stackId: string): string {
  return `${config.project}/${stackId}/terraform.tfstate`;
}

/**
 * Points `stack` at the S3 state bucket of `stateRole`'s region, one key per stack, with S3-native
 * locking (`use_lockfile`, Terraform >= 1.10) instead of a DynamoDB table.
 */
export function useS3Backend(stack: TerraformStack, config: TitanConfig, stateRole: RegionRole): void {
  new S3Backend(stack, {
    bucket: stateBucketName(config, stateRole),
    key: stateKey(config, stack.node.id),
    region: config.regions[stateRole].region,
    encrypt: true,
  });
  // cdktf 0.21's S3Backend predates `use_lockfile`.
  stack.addOverride("terraform.backend.s3.use_lockfile", true);
}

export interface AwsProviderOptions {
  readonly region: string;
  readonly scope: NameScope;
  readonly alias?: string;
}

/** An AWS provider whose default tags say which project, stack and region role owns a resource. */
export function awsProvider(stack: TerraformStack, config: TitanConfig, options: AwsProviderOptions): AwsProvider {
  const id = options.alias ? `aws-${options.alias}` : "aws";
  return new AwsProvider(stack, id, {
    region: options.region,
    alias: options.alias,
    defaultTags: [
      {
        tags: {
          Project: config.project,
          Stack: stack.node.id,
          RegionRole: options.scope,
          ManagedBy: "cdktf",
        },
      },
    ],
  });
}

/** Where a stack's names and state belong. */
export interface TitanStackPlacement {
  readonly nameScope: NameScope;
  /**
   * The region whose state bucket holds this stack's state, unless `backend` is "local".
   * @default - local state (the state stacks, which create the buckets)
   */
  readonly stateRole?: RegionRole;
  /** @default "s3" when `stateRole` is set */
  readonly backend?: BackendChoice;
}

/** Common shape of titan's stacks: a Namer for the stack's scope and its state backend. */
export abstract class TitanStack extends TerraformStack {
  readonly config: TitanConfig;
  readonly namer: Namer;

  protected constructor(scope: Construct, id: string, config: TitanConfig, placement: TitanStackPlacement) {
    super(scope, id);
    this.config = config;
    this.namer = new Namer(config.project, placement.nameScope, config.bucketSuffix);
    if (placement.stateRole !== undefined && (placement.backend ?? "s3") === "s3") {
      useS3Backend(this, config, placement.stateRole);
    }
  }
}
