import { blocks, shown } from "../attributes";
import { type PolicyRule, verdict } from "../rule";

/** Headers that carry credentials: a WAF log must not become a second copy of them. */
const CREDENTIAL_HEADERS = ["authorization", "cookie"];

/**
 * A web ACL's requests are logged, and the log redacts the headers that carry credentials, so the
 * record kept for investigating attacks cannot be used to replay a session.
 */
export const wafLogging: PolicyRule = {
  id: "TITAN-WAF-2",
  title: "WAF logging has a destination and redacts the authorization and cookie headers",
  severity: "medium",
  mirrors: [{ tool: "checkov", id: "CKV2_AWS_31" }],
  resourceTypes: ["aws_wafv2_web_acl_logging_configuration"],
  check({ attributes }) {
    const destinations = attributes.log_destination_configs;
    const redacted = blocks(attributes, "redacted_fields")
      .flatMap((field) => blocks(field, "single_header"))
      .map((header) => String(header.name).toLowerCase());
    return verdict([
      !(Array.isArray(destinations) && destinations.length > 0) &&
        `log_destination_configs is ${shown(destinations)}: log to an aws-waf-logs- log group`,
      ...CREDENTIAL_HEADERS.map(
        (header) =>
          !redacted.includes(header) &&
          `the ${header} header is logged in clear: add redacted_fields { single_header { name = "${header}" } }`,
      ),
    ]);
  },
};
