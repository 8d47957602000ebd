import { EcrReplicationConfiguration } from "@cdktf/provider-aws/lib/ecr-replication-configuration";
import { Construct } from "constructs";
import { AWS_ACCOUNT_ID, AWS_REGION } from "../../validation/aws-identifiers";
import { PropChecks } from "../../validation/prop-checks";
import { appRepositoryNames } from "./container-registry";

export interface RegistryReplicationProps {
  /** The app whose repositories (image and chart) are copied; see {@link appRepositoryNames}. */
  readonly appName: string;
  /** The DR region, where the copies land. */
  readonly destinationRegion: string;
  /** This account: the replication stays inside it. */
  readonly accountId: string;
}

/**
 * Copies every image and chart pushed in the primary region's registry to the DR region.
 *
 * WHY: the DR cluster must pull its images from its own region, or a primary-region outage would
 * stop DR pods from starting at the moment they are needed. Only the app's repositories are
 * copied (prefix filters on their names), and only content pushed after this exists.
 *
 * Build it in the primary stack only: the replication configuration is one per registry (account
 * and region), so a second owner would overwrite it. Replication keeps repository names and uses
 * the destination repository if it exists; if not, ECR creates it itself, with the settings of a
 * matching repository creation template if there is one, never with this project's key, scanning
 * or lifecycle policy. So the DR stack, deployed before the first push, creates the same
 * repositories with the DR region's customer key, tag immutability and lifecycle policy; a DR
 * repository that replication created first would make that stack fail to create it.
 */
export class RegistryReplication extends Construct {
  readonly configuration: EcrReplicationConfiguration;

  constructor(scope: Construct, id: string, props: RegistryReplicationProps) {
    super(scope, id);
    // The account is usually a reference to aws_caller_identity: checks skip what is known at plan only.
    new PropChecks(this)
      .matches("destinationRegion", props.destinationRegion, AWS_REGION)
      .matches("accountId", props.accountId, AWS_ACCOUNT_ID)
      .throwIfAny();
    const names = appRepositoryNames(props.appName);

    this.configuration = new EcrReplicationConfiguration(this, "Resource", {
      replicationConfiguration: {
        rule: [
          {
            destination: [{ region: props.destinationRegion, registryId: props.accountId }],
            repositoryFilter: [names.image, names.chart].map((name) => ({ filter: name, filterType: "PREFIX_MATCH" })),
          },
        ],
      },
    });
  }
}
