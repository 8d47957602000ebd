import { s3BucketForceDestroy } from "../../../src/policy/rules/s3-bucket-force-destroy";
import { type Case, expectVerdict } from "./fixtures";

describe("TITAN-S3-1: S3 buckets are not force-destroyable", () => {
  test.each<Case>([
    [
      "force_destroy unset (as synthesized)",
      { bucket: "titan-primary-logs", lifecycle: { prevent_destroy: true } },
      "compliant",
    ],
    ["force_destroy false", { bucket: "b", force_destroy: false }, "compliant"],
    ["force_destroy true", { bucket: "b", force_destroy: true }, /force_destroy is true, which deletes every object/],
    ["force_destroy from an expression", { bucket: "b", force_destroy: "${var.x}" }, /force_destroy is "\$\{var.x\}"/],
  ])("%s", (_name, attributes, expected) => expectVerdict(s3BucketForceDestroy, attributes, expected));
});
