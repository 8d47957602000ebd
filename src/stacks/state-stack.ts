import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { RegionRole, TitanConfig } from "../config";
import { SecureBucket } from "../modules/storage/secure-bucket";
import { savedPlansPrefix } from "../naming";
import { awsProvider, stateBucketName, TitanStack } from "./stack-base";

/** Days a saved plan is kept in the state bucket: a plan waiting longer for approval is stale anyway. */
export const SAVED_PLAN_DAYS = 7;

export interface StateStackProps {
  readonly config: TitanConfig;
  readonly role: RegionRole;
}

/**
 * The remote-state bucket of one region. Its own state is local: it creates the bucket every
 * other stack's backend needs, so it is applied first and its state file kept by the operator.
 */
export class StateStack extends TitanStack {
  readonly stateBucket: SecureBucket;

  constructor(scope: Construct, id: string, props: StateStackProps) {
    super(scope, id, props.config, { nameScope: props.role });
    const region = props.config.regions[props.role].region;
    awsProvider(this, props.config, { region, scope: props.role });

    this.stateBucket = new SecureBucket(this, "StateBucket", {
      bucketName: stateBucketName(props.config, props.role),
      // Old state versions are the way back from a bad apply; 90 days covers a quarter's audits.
      // Each plan and apply also writes and deletes a `.tflock` object (use_lockfile): its old
      // versions expire with the state's, and the delete marker left behind is removed after them.
      noncurrentVersionExpirationDays: 90,
      // The team workflow's saved plans (npm run plan:upload) hold the state's values: they live
      // as long as an approval may take, not as long as state history.
      shortLivedPrefixes: [{ prefix: savedPlansPrefix(props.config.project), expireAfterDays: SAVED_PLAN_DAYS }],
      preventDestroy: true,
    });

    new TerraformOutput(this, "state_bucket_name", {
      value: this.stateBucket.bucket.bucket,
      description: "S3 bucket holding the Terraform state of this region's stacks",
    });
    new TerraformOutput(this, "state_bucket_region", {
      value: region,
      description: "Region of the state bucket",
    });
  }
}
