import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { TerraformOutput, Testing } from "cdktf";
import {
  appRepositoryNames,
  ContainerRegistry,
  type ContainerRegistryProps,
} from "../../../src/modules/delivery/container-registry";

const KEY = "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function synth(props: Partial<ContainerRegistryProps> = {}): string {
  return Testing.synthScope((scope) => {
    new ContainerRegistry(scope, "Registry", { appName: "birthday-app", kmsKeyArn: KEY, ...props });
  });
}

interface LifecycleRule {
  rulePriority: number;
  selection: { tagStatus: string; tagPatternList?: string[]; countType: string; countNumber: number };
  action: { type: string };
}

function lifecycleRules(json: string): LifecycleRule[][] {
  const policies = JSON.parse(json).resource.aws_ecr_lifecycle_policy as Record<string, { policy: string }>;
  return Object.values(policies).map((policy) => (JSON.parse(policy.policy) as { rules: LifecycleRule[] }).rules);
}

describe("ContainerRegistry", () => {
  it("names the image repository after the app and the chart's under charts/, the same in every region", () => {
    expect(appRepositoryNames("birthday-app")).toEqual({ image: "birthday-app", chart: "charts/birthday-app" });
    const json = synth();
    expect(json).toHaveResourceWithProperties(EcrRepository, { name: "birthday-app" });
    expect(json).toHaveResourceWithProperties(EcrRepository, { name: "charts/birthday-app" });
  });

  it("scans on push, refuses to move tags, encrypts with the customer key and is never force-deleted", () => {
    const repositories = Object.values(
      JSON.parse(synth()).resource.aws_ecr_repository as Record<string, Record<string, unknown>>,
    );
    expect(repositories).toHaveLength(2);
    for (const repository of repositories) {
      expect(repository).toMatchObject({
        image_scanning_configuration: { scan_on_push: true },
        image_tag_mutability: "IMMUTABLE",
        encryption_configuration: [{ encryption_type: "KMS", kms_key: KEY }],
        force_delete: false,
      });
    }
  });

  it("expires untagged images after a day, then keeps the last imageRetentionCount tagged ones", () => {
    const json = synth({ imageRetentionCount: 12 });
    const rules = lifecycleRules(json);
    expect(rules).toHaveLength(2);
    for (const repositoryRules of rules) {
      expect(repositoryRules).toEqual([
        expect.objectContaining({
          rulePriority: 1,
          selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 1 },
          action: { type: "expire" },
        }),
        expect.objectContaining({
          rulePriority: 2,
          selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: 12 },
          action: { type: "expire" },
        }),
      ]);
    }
  });

  it("keeps 30 tagged images when imageRetentionCount is not given", () => {
    expect(lifecycleRules(synth())[0][1].selection.countNumber).toBe(30);
    expect(synth()).toHaveResource(EcrLifecyclePolicy);
  });

  it("exposes both repositories' URLs and ARNs for the projects' environment and policies", () => {
    const json = Testing.synthScope((scope) => {
      const registry = new ContainerRegistry(scope, "Registry", { appName: "birthday-app", kmsKeyArn: KEY });
      expect(registry.repositories).toEqual([registry.imageRepository, registry.chartRepository]);
      new TerraformOutput(scope, "imageUrl", { value: registry.imageRepositoryUrl });
      new TerraformOutput(scope, "chartUrl", { value: registry.chartRepositoryUrl });
      new TerraformOutput(scope, "arns", { value: registry.arns });
    });
    const outputs = JSON.parse(json).output as Record<string, { value: unknown }>;
    expect(outputs.imageUrl.value).toMatch(/^\$\{aws_ecr_repository\.Registry_Image_\w+\.repository_url\}$/);
    expect(outputs.chartUrl.value).toMatch(/^\$\{aws_ecr_repository\.Registry_Chart_\w+\.repository_url\}$/);
    expect(outputs.arns.value).toEqual([
      expect.stringMatching(/^\$\{aws_ecr_repository\.Registry_Image_\w+\.arn\}$/),
      expect.stringMatching(/^\$\{aws_ecr_repository\.Registry_Chart_\w+\.arn\}$/),
    ]);
  });

  test.each([
    [
      { appName: "Birthday_App" },
      /appName: must be an ECR repository name: lowercase letters and digits separated.*got "Birthday_App"/,
    ],
    [
      { appName: "-app" },
      /appName: must be an ECR repository name: lowercase letters and digits separated.*got "-app"/,
    ],
    [{ imageRetentionCount: 0 }, /imageRetentionCount: must be a whole number from 1 to 1000, got 0/],
    [{ imageRetentionCount: 2.5 }, /imageRetentionCount: must be a whole number from 1 to 1000, got 2.5/],
    [{ imageRetentionCount: 1001 }, /imageRetentionCount: must be a whole number from 1 to 1000, got 1001/],
  ])("rejects %p", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
