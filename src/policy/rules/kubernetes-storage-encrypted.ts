import { isSet, isTrue, shown } from "../attributes";
import { type PolicyRule, verdict } from "../rule";

/** EBS volumes provisioned from a StorageClass are encrypted with a customer key. */
export const kubernetesStorageEncrypted: PolicyRule = {
  id: "TITAN-K8S-2",
  title: "EBS StorageClasses encrypt volumes with a customer-managed KMS key",
  severity: "medium",
  mirrors: {
    none: "checkov and trivy judge EBS volumes and launch templates, not the encryption parameters of a Kubernetes StorageClass",
  },
  resourceTypes: ["kubernetes_storage_class_v1", "kubernetes_storage_class"],
  check({ attributes }) {
    if (attributes.storage_provisioner !== "ebs.csi.aws.com") {
      return { status: "not-applicable", reason: "not an EBS StorageClass" };
    }
    const parameters = (attributes.parameters ?? {}) as Record<string, unknown>;
    return verdict([
      !isTrue(parameters.encrypted) && `parameters.encrypted is ${shown(parameters.encrypted)}: set it to "true"`,
      !isSet(parameters.kmsKeyId) &&
        "parameters.kmsKeyId is unset: name the region's customer key (EBS's default key is AWS-managed)",
    ]);
  },
};
