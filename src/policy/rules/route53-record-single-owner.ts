import { isTrue } from "../attributes";
import { type PolicyRule, verdict } from "../rule";

/**
 * Every DNS record has exactly one owning stack. `allow_overwrite` lets a second stack take over a
 * record that already exists, and then whichever is destroyed first deletes it for both: a shared
 * record (ACM's validation CNAME of a name two regions certify) belongs to one stack, and the
 * others wait for it by name.
 */
export const route53RecordSingleOwner: PolicyRule = {
  id: "TITAN-R53-3",
  title: "Route 53 records never overwrite a record another stack owns (no allow_overwrite)",
  severity: "medium",
  mirrors: {
    none: "allow_overwrite is a Terraform provider argument: checkov and trivy judge the record, not which stack owns it",
  },
  resourceTypes: ["aws_route53_record"],
  check({ attributes }) {
    return verdict([
      isTrue(attributes.allow_overwrite) &&
        "allow_overwrite is true: give the record one owning stack, and let the others reference it by name",
    ]);
  },
};
