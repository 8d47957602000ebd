import { blocks, shown } from "../attributes";
import { behaviourName, cacheBehaviours } from "../cloudfront";
import { type PolicyRule, verdict } from "../rule";

const READ_ONLY = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CloudFront origin groups fail over GET, HEAD and OPTIONS only, and CloudFront refuses a
 * distribution whose behaviour allows other methods on an origin group: the API's writes must go
 * to the Route 53 failover name instead. Caught here at synth, not at apply.
 */
export const cloudFrontOriginGroupReadOnly: PolicyRule = {
  id: "TITAN-CF-6",
  title: "CloudFront behaviours served by an origin group allow only GET, HEAD and OPTIONS",
  severity: "medium",
  mirrors: {
    none: "checkov, trivy and prowler do not judge which methods a behaviour served by an origin group allows; CloudFront fails such a group over only for reads",
  },
  resourceTypes: ["aws_cloudfront_distribution"],
  check({ attributes }) {
    const groups = new Set(blocks(attributes, "origin_group").map((group) => group.origin_id));
    return verdict(
      cacheBehaviours(attributes)
        .filter((behaviour) => groups.has(behaviour.target_origin_id))
        .map((behaviour) => {
          const methods = Array.isArray(behaviour.allowed_methods) ? behaviour.allowed_methods : [];
          return (
            methods.some((method) => !READ_ONLY.has(method as string)) &&
            `${behaviourName(behaviour)} sends allowed_methods ${shown(methods)} to origin group ${shown(behaviour.target_origin_id)}: allow GET, HEAD (and OPTIONS) only there, and send writes to the failover name`
          );
        }),
    );
  },
};
