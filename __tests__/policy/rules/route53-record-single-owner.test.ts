import { route53RecordSingleOwner } from "../../../src/policy/rules/route53-record-single-owner";
import { type Case, expectVerdict } from "./fixtures";

const VALIDATION = {
  zone_id: "Z0123456789EXAMPLE0",
  name: '${lookup(zipmap(...), "origin.api.example.com").resource_record_name}',
  type: "CNAME",
  records: ["${...resource_record_value}"],
  ttl: 60,
};

describe("TITAN-R53-3: records never take over another stack's record", () => {
  test.each<Case>([
    ["a validation record its certificate owns (as synthesized)", VALIDATION, "compliant"],
    ["allow_overwrite explicitly false", { ...VALIDATION, allow_overwrite: false }, "compliant"],
    [
      "a record that may overwrite another owner's",
      { ...VALIDATION, allow_overwrite: true },
      /allow_overwrite is true: give the record one owning stack/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(route53RecordSingleOwner, attributes, expected));
});
