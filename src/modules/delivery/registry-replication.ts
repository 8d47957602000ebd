import { EcrReplicationConfiguration } from "@cdktf/provider-aws/lib/ecr-replication-configuration";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { appRepositoryNames } from "./container-registry";

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ACCOUNT_ID = /^\d{12}$/;

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
    if (!REGION.test(props.destinationRegion)) {
      throw new Error(
        `RegistryReplication: destinationRegion "${props.destinationRegion}" is not an AWS region name such as us-west-1`,
      );
    }
    // Usually a reference to aws_caller_identity, resolved at plan time; check only literals.
    if (!Token.isUnresolved(props.accountId) && !ACCOUNT_ID.test(props.accountId)) {
      throw new Error(`RegistryReplication: accountId must be 12 digits, got "${props.accountId}"`);
    }
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
