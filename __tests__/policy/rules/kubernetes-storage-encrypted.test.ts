import { kubernetesStorageEncrypted } from "../../../src/policy/rules/kubernetes-storage-encrypted";
import { type Case, expectVerdict } from "./fixtures";

const ENCRYPTED = {
  storage_provisioner: "ebs.csi.aws.com",
  parameters: { type: "gp3", encrypted: "true", kmsKeyId: "${data.aws_kms_alias.DataKey.target_key_arn}" },
};

describe("TITAN-K8S-2: EBS StorageClasses encrypt with a customer key", () => {
  test.each<Case>([
    ["gp3, encrypted with the region's key (as synthesized)", ENCRYPTED, "compliant"],
    ["another provisioner", { storage_provisioner: "efs.csi.aws.com", parameters: {} }, "not-applicable"],
    ["unencrypted", { ...ENCRYPTED, parameters: { type: "gp3" } }, /parameters.encrypted is unset/],
    [
      "encrypted with EBS's AWS-managed key",
      { ...ENCRYPTED, parameters: { type: "gp3", encrypted: "true" } },
      /kmsKeyId is unset/,
    ],
  ])("%s", (_name, attributes, expected) => expectVerdict(kubernetesStorageEncrypted, attributes, expected));
});
