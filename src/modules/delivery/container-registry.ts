import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { Construct } from "constructs";
import { PropChecks } from "../../validation/prop-checks";
import { ecrLifecyclePolicy } from "./ecr-lifecycle-policy";
import { ECR_REPOSITORY_NAME, IMAGE_RETENTION_COUNT } from "./limits";

/** ECR's rule for repository names: lowercase path segments of letters, digits and `._-`. */

/** The names of an app's repositories, the same in every region and account. */
export interface AppRepositoryNames {
  /** The container image: `<app name>`. */
  readonly image: string;
  /** The Helm chart, pushed as an OCI artifact: `charts/<app name>`. */
  readonly chart: string;
}

/**
 * The repository names for `appName`, taken from the app's name alone rather than the Namer.
 *
 * WHY no region role in them: ECR replication keeps a repository's name in the destination region,
 * so the DR copies must carry the primary's names, and the buildspecs and Helm values stay the same
 * in both regions. ECR names are per account and region, so nothing collides. The chart's name is
 * `charts/<app>` because `helm push` appends the chart's own name (from Chart.yaml) to the target.
 */
export function appRepositoryNames(appName: string): AppRepositoryNames {
  return { image: appName, chart: `charts/${appName}` };
}

export interface ContainerRegistryProps {
  /** The app's name: the image repository's name, and the chart's under `charts/`. */
  readonly appName: string;
  /** The region's customer key: ECR encrypts image layers with it. */
  readonly kmsKeyArn: string;
  /** Tagged images (or chart versions) kept per repository; older ones expire. @default 30 */
  readonly imageRetentionCount?: number;
}

/**
 * The ECR repositories of one region: the app's image and its Helm chart (an OCI artifact).
 *
 * Both scan on push, encrypt with the region's customer key and refuse to overwrite a tag
 * (IMMUTABLE), so a tag (the commit id, or the chart version derived from it) always names the
 * same bits in both regions and a rollback redeploys exactly what ran before. A lifecycle policy
 * keeps the last `imageRetentionCount` tagged versions and drops untagged layers after a day; it
 * is not replicated, so each region sets its own. `force_delete` stays off: a destroy cannot take
 * images running in a cluster with it.
 */
export class ContainerRegistry extends Construct {
  readonly imageRepository: EcrRepository;
  readonly chartRepository: EcrRepository;
  readonly repositories: readonly EcrRepository[];
  readonly imageRepositoryUrl: string;
  readonly chartRepositoryUrl: string;
  readonly imageRepositoryArn: string;
  readonly chartRepositoryArn: string;
  readonly arns: readonly string[];

  constructor(scope: Construct, id: string, props: ContainerRegistryProps) {
    super(scope, id);
    const retention = props.imageRetentionCount ?? 30;
    new PropChecks(this)
      .matches("appName", props.appName, ECR_REPOSITORY_NAME)
      .wholeNumber("imageRetentionCount", retention, IMAGE_RETENTION_COUNT)
      .throwIfAny();
    const names = appRepositoryNames(props.appName);

    this.imageRepository = new AppRepository(this, "Image", {
      name: names.image,
      kmsKeyArn: props.kmsKeyArn,
      retention,
    }).repository;
    this.chartRepository = new AppRepository(this, "Chart", {
      name: names.chart,
      kmsKeyArn: props.kmsKeyArn,
      retention,
    }).repository;
    this.repositories = [this.imageRepository, this.chartRepository];
    this.imageRepositoryUrl = this.imageRepository.repositoryUrl;
    this.chartRepositoryUrl = this.chartRepository.repositoryUrl;
    this.imageRepositoryArn = this.imageRepository.arn;
    this.chartRepositoryArn = this.chartRepository.arn;
    this.arns = [this.imageRepositoryArn, this.chartRepositoryArn];
  }
}

interface AppRepositoryProps {
  readonly name: string;
  readonly kmsKeyArn: string;
  readonly retention: number;
}

/** One repository (`Resource`) with its lifecycle policy beside it. */
class AppRepository extends Construct {
  readonly repository: EcrRepository;

  constructor(scope: Construct, id: string, props: AppRepositoryProps) {
    super(scope, id);
    this.repository = new EcrRepository(this, "Resource", {
      name: props.name,
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: props.kmsKeyArn }],
      forceDelete: false,
    });
    new EcrLifecyclePolicy(this, "Lifecycle", {
      repository: this.repository.name,
      // Untagged manifests are only the leftovers of interrupted pushes here (tags never move), and
      // the build pushes single-manifest images and charts (no image index whose untagged children
      // the first rule would take).
      policy: JSON.stringify(ecrLifecyclePolicy(props.retention)),
    });
  }
}
