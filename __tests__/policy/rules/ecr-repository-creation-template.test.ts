import { ecrRepositoryCreationTemplate } from "../../../src/policy/rules/ecr-repository-creation-template";
import { type Case, expectVerdict } from "./fixtures";

const template = (overrides: object = {}) => ({
  prefix: "titan-quay",
  applied_for: ["PULL_THROUGH_CACHE"],
  image_tag_mutability: "MUTABLE",
  encryption_configuration: [{ encryption_type: "KMS" }],
  lifecycle_policy: '{"rules":[]}',
  ...overrides,
});

describe("TITAN-ECR-3: repositories ECR creates for titan", () => {
  test.each<Case>([
    ["KMS with ECR's managed key and a lifecycle policy (as synthesized)", template(), "compliant"],
    [
      "KMS with a customer key",
      template({ encryption_configuration: [{ encryption_type: "KMS", kms_key: "arn:aws:kms:us-east-2:1:key/x" }] }),
      "compliant",
    ],
    ["AES256", template({ encryption_configuration: [{ encryption_type: "AES256" }] }), /encryption_type is "AES256"/],
    ["no encryption block", template({ encryption_configuration: undefined }), /encryption_type is unset/],
    ["no lifecycle policy", template({ lifecycle_policy: undefined }), /lifecycle_policy is unset/],
  ])("%s", (_name, attributes, expected) => expectVerdict(ecrRepositoryCreationTemplate, attributes, expected));
});
