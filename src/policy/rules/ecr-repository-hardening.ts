import { block, blocks, isTrue, shown } from "../attributes";
import { type PolicyRule, verdict } from "../rule";

/** The encryption types that use a KMS key, for every rule about ECR repositories. */
export const KMS_ENCRYPTION: ReadonlySet<string> = new Set(["KMS", "KMS_DSSE"]);

/**
 * A deployed tag must always name the same image, every pushed image is scanned, and images are
 * encrypted with a KMS key rather than ECR's default AES256.
 */
export const ecrRepositoryHardening: PolicyRule = {
  id: "TITAN-ECR-1",
  title: "ECR repositories have immutable tags, scan on push and KMS encryption",
  severity: "high",
  mirrors: [
    { tool: "checkov", id: "CKV_AWS_51" },
    { tool: "checkov", id: "CKV_AWS_163" },
    { tool: "checkov", id: "CKV_AWS_136" },
    { tool: "trivy", id: "AVD-AWS-0031" },
    { tool: "trivy", id: "AVD-AWS-0030" },
    { tool: "trivy", id: "AVD-AWS-0033" },
  ],
  resourceTypes: ["aws_ecr_repository"],
  check({ attributes }) {
    const scanOnPush = block(attributes, "image_scanning_configuration")?.scan_on_push;
    const encryption = blocks(attributes, "encryption_configuration")[0]?.encryption_type;
    return verdict([
      attributes.image_tag_mutability !== "IMMUTABLE" &&
        `image_tag_mutability is ${shown(attributes.image_tag_mutability)}: set it to "IMMUTABLE"`,
      !isTrue(scanOnPush) && `image_scanning_configuration.scan_on_push is ${shown(scanOnPush)}: set it to true`,
      !KMS_ENCRYPTION.has(encryption as string) &&
        `encryption_configuration.encryption_type is ${shown(encryption)}: set it to "KMS" with the region's customer key`,
    ]);
  },
};
