import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { EcrPullThroughCacheRule } from "@cdktf/provider-aws/lib/ecr-pull-through-cache-rule";
import { EcrRepositoryCreationTemplate } from "@cdktf/provider-aws/lib/ecr-repository-creation-template";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { ecrLifecyclePolicy } from "../delivery/ecr-lifecycle-policy";
import { CACHED_REGISTRIES, CACHED_REGISTRY_KEYS, type CachedRegistry, imageCachePrefix } from "./image-cache-names";

/** Cached images kept per repository, newest first; an expired one is fetched again on its next pull. */
const KEEP_TAGGED = 10;

export interface ImageCacheProps {
  /** `config.project`: the prefixes are `<project>-ecr-public`, `<project>-k8s`, `<project>-quay`. */
  readonly project: string;
  readonly region: string;
  readonly accountId: string;
}

/**
 * ECR pull through cache rules for the registries the cluster's platform images come from and
 * that ECR caches without credentials (ECR Public, registry.k8s.io, quay.io), with a repository
 * creation template for each: the repositories ECR creates on a first pull are KMS-encrypted,
 * keep their tags mutable (a cached tag follows its upstream, which the cache syncs at most once a
 * day) and expire untagged layers and all but the newest tagged images.
 *
 * WHY: nodes then pull these images from the region's own ECR, through the VPC's ECR and S3
 * endpoints, instead of from public registries through a NAT gateway. A failover's scale-out in
 * DR (one NAT gateway by default, one public address) fetches nothing from the internet for an
 * image DR already ran, and an upstream outage or rate limit cannot keep a node from starting.
 * The first pull of an image in a region creates its repository, which nodes may do only under
 * these prefixes ({@link grantImport}).
 *
 * The templates use ECR's AWS-managed key: the cached images are public, so a customer key would add
 * a key policy and a custom role for ECR to assume without protecting anything more.
 */
export class ImageCache extends Construct {
  readonly rules: Readonly<Record<CachedRegistry, EcrPullThroughCacheRule>>;
  readonly templates: Readonly<Record<CachedRegistry, EcrRepositoryCreationTemplate>>;
  /** `arn:aws:ecr:<region>:<account>:repository/<prefix>/*` for each prefix. */
  readonly repositoryArns: readonly string[];
  private readonly grants: Construct;

  constructor(scope: Construct, id: string, props: ImageCacheProps) {
    super(scope, id);
    const rules: Partial<Record<CachedRegistry, EcrPullThroughCacheRule>> = {};
    const templates: Partial<Record<CachedRegistry, EcrRepositoryCreationTemplate>> = {};
    for (const key of CACHED_REGISTRY_KEYS) {
      const { id: registryId, upstream } = CACHED_REGISTRIES[key];
      const prefix = imageCachePrefix(props.project, key);
      const registry = new Construct(this, registryId);
      rules[key] = new EcrPullThroughCacheRule(registry, "Rule", {
        ecrRepositoryPrefix: prefix,
        upstreamRegistryUrl: upstream,
      });
      templates[key] = new EcrRepositoryCreationTemplate(registry, "Template", {
        prefix,
        description: `Images ${upstream} serves, cached on first pull`,
        appliedFor: ["PULL_THROUGH_CACHE"],
        imageTagMutability: "MUTABLE",
        encryptionConfiguration: [{ encryptionType: "KMS" }],
        lifecyclePolicy: JSON.stringify(ecrLifecyclePolicy(KEEP_TAGGED)),
      });
    }
    this.rules = rules as Record<CachedRegistry, EcrPullThroughCacheRule>;
    this.templates = templates as Record<CachedRegistry, EcrRepositoryCreationTemplate>;
    this.repositoryArns = CACHED_REGISTRY_KEYS.map(
      (key) => `arn:aws:ecr:${props.region}:${props.accountId}:repository/${imageCachePrefix(props.project, key)}/*`,
    );
    this.grants = new Construct(this, "Grants");
  }

  /**
   * Lets `role` (a node role: the kubelet pulls with it) import upstream images into the cache and
   * create their repositories on a first pull, under the cache's prefixes only. Pulling what is
   * cached needs only the ECR read permissions nodes already hold.
   */
  grantImport(id: string, role: IamRole): IamRolePolicy {
    const scope = new Construct(this.grants, id);
    const document = new DataAwsIamPolicyDocument(scope, "Document", {
      statement: [
        {
          sid: "ImportUpstreamImagesIntoTheCache",
          actions: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"],
          resources: [...this.repositoryArns],
        },
      ],
    });
    return new IamRolePolicy(scope, "Resource", { name: "image-cache", role: role.name, policy: document.json });
  }
}
