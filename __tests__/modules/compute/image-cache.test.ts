import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Testing } from "cdktf";
import { ImageCache } from "../../../src/modules/compute/image-cache";
import { ImageCacheRef, privateRegistryHost } from "../../../src/modules/compute/image-cache-names";
import { parse, statements } from "./synthesized";

const ACCOUNT = "111122223333";

function synth(): ReturnType<typeof parse> {
  return parse(
    Testing.synthScope((scope) => {
      const cache = new ImageCache(scope, "ImageCache", { project: "titan", region: "us-west-1", accountId: ACCOUNT });
      const role = new IamRole(scope, "NodeRole", { name: "titan-dr-eks-general-node", assumeRolePolicy: "{}" });
      cache.grantImport("GeneralNodes", role);
    }),
  );
}

describe("ImageCache", () => {
  const json = synth();
  const rules = Object.values(json.resource?.aws_ecr_pull_through_cache_rule ?? {});
  const templates = Object.values(json.resource?.aws_ecr_repository_creation_template ?? {});

  it("caches ECR Public, registry.k8s.io and quay.io, anonymously, under the project's prefixes", () => {
    expect(rules.map((r) => [r.ecr_repository_prefix, r.upstream_registry_url, r.credential_arn])).toEqual([
      ["titan-ecr-public", "public.ecr.aws", undefined],
      ["titan-k8s", "registry.k8s.io", undefined],
      ["titan-quay", "quay.io", undefined],
    ]);
  });

  it("gives the repositories a first pull creates KMS encryption, mutable tags (they follow upstream) and an expiry", () => {
    expect(templates.map((t) => t.prefix)).toEqual(["titan-ecr-public", "titan-k8s", "titan-quay"]);
    for (const template of templates) {
      expect(template).toMatchObject({
        applied_for: ["PULL_THROUGH_CACHE"],
        image_tag_mutability: "MUTABLE",
        encryption_configuration: [{ encryption_type: "KMS" }],
      });
      expect(
        JSON.parse(String(template.lifecycle_policy)).rules.map((r: { selection: object }) => r.selection),
      ).toEqual([
        { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 1 },
        { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: 10 },
      ]);
    }
  });

  it("lets a node role import upstream images and create their repositories under the cache's prefixes only", () => {
    expect(statements(json, "ImageCache/Grants/GeneralNodes/Document")).toEqual([
      {
        sid: "ImportUpstreamImagesIntoTheCache",
        actions: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"],
        resources: [
          `arn:aws:ecr:us-west-1:${ACCOUNT}:repository/titan-ecr-public/*`,
          `arn:aws:ecr:us-west-1:${ACCOUNT}:repository/titan-k8s/*`,
          `arn:aws:ecr:us-west-1:${ACCOUNT}:repository/titan-quay/*`,
        ],
      },
    ]);
    const [policy] = Object.values(json.resource?.aws_iam_role_policy ?? {});
    expect(policy).toMatchObject({
      name: "image-cache",
      role: expect.stringMatching(/aws_iam_role\.NodeRole.*\.name/),
    });
  });
});

describe("ImageCacheRef", () => {
  const ref = new ImageCacheRef("titan", privateRegistryHost(ACCOUNT, "us-east-2"));

  it("names an upstream image as the region's cache serves it", () => {
    expect(ref.image("quay", "prometheus/prometheus")).toEqual({
      registry: `${ACCOUNT}.dkr.ecr.us-east-2.amazonaws.com`,
      repository: "titan-quay/prometheus/prometheus",
      url: `${ACCOUNT}.dkr.ecr.us-east-2.amazonaws.com/titan-quay/prometheus/prometheus`,
    });
  });

  test.each(["quay.io/prometheus/prometheus", "prometheus/prometheus:v3", "Prometheus"])("refuses %p", (path) => {
    expect(() => ref.image("quay", path)).toThrow(/is not an upstream repository path/);
  });
});
