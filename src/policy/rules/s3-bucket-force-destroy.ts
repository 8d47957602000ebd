import { shown } from "../attributes";
import { type PolicyRule, verdict } from "../rule";

/** `force_destroy` lets a `terraform destroy` (or a replacement) delete every object in the bucket. */
export const s3BucketForceDestroy: PolicyRule = {
  id: "TITAN-S3-1",
  title: "S3 buckets are not force-destroyable",
  severity: "high",
  mirrors: {
    none: "neither checkov nor trivy checks force_destroy; this is the synth-time half of the plan's stateful guard",
  },
  resourceTypes: ["aws_s3_bucket"],
  check({ attributes }) {
    const force = attributes.force_destroy;
    return verdict([
      force !== undefined &&
        force !== false &&
        `force_destroy is ${shown(force)}, which deletes every object with the bucket: remove it (or set it to false)`,
    ]);
  },
};
