import { ecrRepositoryHardening } from "../../../src/policy/rules/ecr-repository-hardening";
import { type Case, expectVerdict } from "./fixtures";

const KMS = [{ encryption_type: "KMS", kms_key: "${aws_kms_key.DataKey_17AFBB84.arn}" }];
const HARDENED = {
  name: "birthday-app",
  image_tag_mutability: "IMMUTABLE",
  image_scanning_configuration: { scan_on_push: true },
  encryption_configuration: KMS,
};

describe("TITAN-ECR-1: ECR repositories are immutable, scanned and KMS-encrypted", () => {
  test.each<Case>([
    ["immutable, scanned, KMS (as synthesized)", HARDENED, "compliant"],
    [
      "blocks rendered the other way round",
      { ...HARDENED, image_scanning_configuration: [{ scan_on_push: true }], encryption_configuration: KMS[0] },
      "compliant",
    ],
    [
      "mutable tags",
      { ...HARDENED, image_tag_mutability: "MUTABLE" },
      /image_tag_mutability is "MUTABLE": set it to "IMMUTABLE"/,
    ],
    [
      "tag mutability unset (MUTABLE by default)",
      { ...HARDENED, image_tag_mutability: undefined },
      /image_tag_mutability is unset/,
    ],
    [
      "no scan on push",
      { ...HARDENED, image_scanning_configuration: { scan_on_push: false } },
      /scan_on_push is false: set it to true/,
    ],
    [
      "AES256 encryption",
      { ...HARDENED, encryption_configuration: [{ encryption_type: "AES256" }] },
      /encryption_type is "AES256": set it to "KMS"/,
    ],
    [
      "no encryption block (AES256 by default)",
      { ...HARDENED, encryption_configuration: undefined },
      /encryption_type is unset/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(ecrRepositoryHardening, attributes, expected));
});
