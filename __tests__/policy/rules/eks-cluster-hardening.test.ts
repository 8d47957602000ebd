import { eksClusterHardening } from "../../../src/policy/rules/eks-cluster-hardening";
import { type Case, expectVerdict } from "./fixtures";

const ENCRYPTION = { provider: { key_arn: "${aws_kms_key.DataKey_17AFBB84.arn}" }, resources: ["secrets"] };
const cluster = (vpc: object, extra: object = {}) => ({
  name: "titan-primary-eks",
  encryption_config: ENCRYPTION,
  vpc_config: { subnet_ids: ["${aws_subnet.a.id}"], ...vpc },
  ...extra,
});

describe("TITAN-EKS-1: EKS encrypts secrets and keeps its API off the open internet", () => {
  test.each<Case>([
    [
      "a private endpoint (as synthesized)",
      cluster({ endpoint_private_access: true, endpoint_public_access: false }),
      "compliant",
    ],
    [
      "public to the operators' CIDRs",
      cluster({ endpoint_public_access: true, public_access_cidrs: ["203.0.113.0/24"] }),
      "compliant",
    ],
    ["vpc_config rendered as a list", cluster({}, { vpc_config: [{ endpoint_public_access: false }] }), "compliant"],
    [
      "no encryption_config",
      cluster({ endpoint_public_access: false }, { encryption_config: undefined }),
      /encryption_config is missing/,
    ],
    [
      "public to 0.0.0.0/0",
      cluster({ endpoint_public_access: true, public_access_cidrs: ["0.0.0.0/0"] }),
      /API endpoint is public to any address/,
    ],
    [
      "public with no CIDRs (EKS opens it to all)",
      cluster({ endpoint_public_access: true, public_access_cidrs: [] }),
      /public to any address/,
    ],
    [
      "public by default (endpoint_public_access unset)",
      cluster({ endpoint_private_access: true }),
      /public to any address/,
    ],
    [
      "public to an expression",
      cluster({ endpoint_public_access: true, public_access_cidrs: ["${var.cidrs}"] }),
      /public to any address/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(eksClusterHardening, attributes, expected));
});
