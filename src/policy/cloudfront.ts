import { blocks } from "./attributes";
import type { Attributes } from "./rule";

/** Reading a rendered `aws_cloudfront_distribution`, for the CloudFront rules. */

/** Every cache behaviour of a distribution: the default one and the ordered ones. */
export function cacheBehaviours(distribution: Attributes): Attributes[] {
  return [...blocks(distribution, "default_cache_behavior"), ...blocks(distribution, "ordered_cache_behavior")];
}

/** How a behaviour reads in a finding: its path pattern, or "the default behaviour". */
export function behaviourName(behaviour: Attributes): string {
  return typeof behaviour.path_pattern === "string" ? `behaviour ${behaviour.path_pattern}` : "the default behaviour";
}
