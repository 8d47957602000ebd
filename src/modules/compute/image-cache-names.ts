/**
 * Where the cluster's platform images come from: the registries ECR's pull through cache serves
 * without credentials, and how an upstream image's name reads once it goes through a region's cache.
 * Pure names, shared by the regional stack (which creates the cache) and the k8s stack (which
 * points the charts at it), so both agree without reading each other's state.
 */

/** The upstream registries ECR caches without credentials, by titan's key. */
export const CACHED_REGISTRIES = {
  ecrPublic: { id: "EcrPublic", upstream: "public.ecr.aws", namespace: "ecr-public" },
  kubernetes: { id: "Kubernetes", upstream: "registry.k8s.io", namespace: "k8s" },
  quay: { id: "Quay", upstream: "quay.io", namespace: "quay" },
} as const;

export type CachedRegistry = keyof typeof CACHED_REGISTRIES;

export const CACHED_REGISTRY_KEYS = Object.keys(CACHED_REGISTRIES) as CachedRegistry[];

/** The cache's repository prefix for `registry`: `<project>-<namespace>`, so it never takes another team's prefix. */
export function imageCachePrefix(project: string, registry: CachedRegistry): string {
  return `${project}-${CACHED_REGISTRIES[registry].namespace}`;
}

/** A region's private registry host: `<account>.dkr.ecr.<region>.amazonaws.com`. */
export function privateRegistryHost(accountId: string, region: string): string {
  return `${accountId}.dkr.ecr.${region}.amazonaws.com`;
}

/** An upstream image as the region's cache serves it: charts take the registry and the repository apart. */
export interface CachedImage {
  /** The region's private registry host. */
  readonly registry: string;
  /** `<prefix>/<upstream path>`. */
  readonly repository: string;
  /** `<registry>/<repository>`, for charts that take one string. */
  readonly url: string;
}

/** Resolves upstream images to the region's cache. */
export class ImageCacheRef {
  constructor(
    readonly project: string,
    readonly registryHost: string,
  ) {}

  /** `path` is the image's repository on the upstream registry, without a tag (`prometheus/prometheus`). */
  image(registry: CachedRegistry, path: string): CachedImage {
    // A first segment with a dot is a registry host (`quay.io/...`): the cache supplies that part.
    if (!/^[a-z0-9]+(?:[._/-][a-z0-9]+)*$/.test(path) || path.split("/")[0].includes(".")) {
      throw new Error(`ImageCacheRef: "${path}" is not an upstream repository path (lowercase, no tag, no registry)`);
    }
    const repository = `${imageCachePrefix(this.project, registry)}/${path}`;
    return { registry: this.registryHost, repository, url: `${this.registryHost}/${repository}` };
  }
}
