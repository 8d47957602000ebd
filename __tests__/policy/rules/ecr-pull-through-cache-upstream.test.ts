import { ecrPullThroughCacheUpstream } from "../../../src/policy/rules/ecr-pull-through-cache-upstream";
import { type Case, expectVerdict } from "./fixtures";

const rule = (upstream: string, credential?: string) => ({
  ecr_repository_prefix: "titan-cache",
  upstream_registry_url: upstream,
  ...(credential === undefined ? {} : { credential_arn: credential }),
});
const SECRET = "arn:aws:secretsmanager:us-east-2:111122223333:secret:ecr-pullthroughcache/docker-hub-AbCdEf";

describe("TITAN-ECR-2: pull through cache upstreams", () => {
  test.each<Case>([
    ["ECR Public, anonymously (as synthesized)", rule("public.ecr.aws"), "compliant"],
    ["registry.k8s.io, anonymously (as synthesized)", rule("registry.k8s.io"), "compliant"],
    ["quay.io, anonymously (as synthesized)", rule("quay.io"), "compliant"],
    ["Docker Hub with an ecr-pullthroughcache/ secret", rule("registry-1.docker.io", SECRET), "compliant"],
    [
      "Docker Hub with a secret referenced by expression",
      rule("ghcr.io", "${aws_secretsmanager_secret.Hub.arn}"),
      "compliant",
    ],
    ["another account's private ECR", rule("444455556666.dkr.ecr.us-west-2.amazonaws.com"), "compliant"],
    ["Docker Hub anonymously", rule("registry-1.docker.io"), /needs credentials/],
    ["ghcr.io anonymously", rule("ghcr.io"), /ghcr.io needs credentials/],
    [
      "a secret outside ecr-pullthroughcache/",
      rule("registry-1.docker.io", "arn:aws:secretsmanager:us-east-2:111122223333:secret:hub-AbCdEf"),
      /is not a secret under ecr-pullthroughcache\//,
    ],
    ["docker.io, which ECR does not take", rule("docker.io"), /is not a registry ECR caches/],
    ["credentials for an anonymous upstream", rule("quay.io", SECRET), /served without credentials/],
  ])("%s", (_name, attributes, expected) => expectVerdict(ecrPullThroughCacheUpstream, attributes, expected));
});
