import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { Construct } from "constructs";

export interface EncryptedStorageClassProps {
  readonly name: string;
  /** The region's customer key: every volume of this class is encrypted with it. */
  readonly kmsKeyArn: string;
}

/**
 * A gp3 StorageClass whose EBS volumes the CSI driver encrypts with the region's customer key
 * (its IRSA role may create grants on that key only). Volumes outlive their claims (`Retain`), so
 * deleting the Prometheus release never deletes its data; `WaitForFirstConsumer` creates each
 * volume in the AZ its pod was scheduled to.
 */
export class EncryptedStorageClass extends Construct {
  readonly storageClass: StorageClassV1;

  constructor(scope: Construct, id: string, props: EncryptedStorageClassProps) {
    super(scope, id);
    this.storageClass = new StorageClassV1(this, "Resource", {
      metadata: { name: props.name, labels: { "app.kubernetes.io/managed-by": "titan" } },
      storageProvisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true", kmsKeyId: props.kmsKeyArn, "csi.storage.k8s.io/fstype": "ext4" },
      reclaimPolicy: "Retain",
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
    });
  }
}
