import { isSet, shown } from "../attributes";
import { type PolicyRule, verdict } from "../rule";

/** Upstreams ECR caches without credentials. */
const ANONYMOUS_UPSTREAMS = ["public.ecr.aws", "registry.k8s.io", "quay.io"];
/** Upstreams ECR caches only with credentials in a Secrets Manager secret of this prefix. */
const CREDENTIAL_UPSTREAMS = ["registry-1.docker.io", "ghcr.io", "registry.gitlab.com", "cgr.dev"];
const CREDENTIAL_SECRET = /^(arn:aws:secretsmanager:[a-z0-9-]+:\d{12}:secret:)?ecr-pullthroughcache\//;

/**
 * A pull through cache rule names an upstream ECR supports, and one that needs credentials gets
 * them from a Secrets Manager secret under `ecr-pullthroughcache/` (the only place ECR reads them
 * from), never anonymously, where the upstream's per-address limits would throttle every pull.
 */
export const ecrPullThroughCacheUpstream: PolicyRule = {
  id: "TITAN-ECR-2",
  title:
    "ECR pull through cache rules name a supported upstream, with credentials from Secrets Manager where it needs them",
  severity: "medium",
  mirrors: {
    none: "checkov, trivy and prowler judge ECR repositories (scanning, encryption, tag mutability, policies), not pull through cache rules",
  },
  resourceTypes: ["aws_ecr_pull_through_cache_rule"],
  check({ attributes }) {
    const upstream = String(attributes.upstream_registry_url ?? "");
    const credential = attributes.credential_arn;
    const needsCredentials = CREDENTIAL_UPSTREAMS.includes(upstream) || upstream.endsWith(".azurecr.io");
    const privateEcr = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com$/.test(upstream);
    return verdict([
      !ANONYMOUS_UPSTREAMS.includes(upstream) &&
        !needsCredentials &&
        !privateEcr &&
        `upstream_registry_url ${shown(attributes.upstream_registry_url)} is not a registry ECR caches: use one of ${[...ANONYMOUS_UPSTREAMS, ...CREDENTIAL_UPSTREAMS].join(", ")}`,
      needsCredentials &&
        !isSet(credential) &&
        `${upstream} needs credentials: set credential_arn to a Secrets Manager secret named ecr-pullthroughcache/...`,
      needsCredentials &&
        isSet(credential) &&
        typeof credential === "string" &&
        !credential.includes("${") &&
        !CREDENTIAL_SECRET.test(credential) &&
        `credential_arn ${shown(credential)} is not a secret under ecr-pullthroughcache/, where ECR reads upstream credentials`,
      ANONYMOUS_UPSTREAMS.includes(upstream) &&
        isSet(credential) &&
        `${upstream} is served without credentials: remove credential_arn`,
    ]);
  },
};
