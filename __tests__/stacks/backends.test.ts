import { TerraformStack } from "cdktf";
import { DEPLOY_ORDER } from "../../src/app";
import { buildApp, synthJson, testConfig } from "../support/synth";

describe("stack backends and deploy order", () => {
  const stacks = buildApp(testConfig({ bucketSuffix: "111122223333" }));

  test.each([
    ["primary", "titan-primary-tfstate-111122223333", "us-east-2"],
    ["dr", "titan-dr-tfstate-111122223333", "us-west-1"],
    ["primaryK8s", "titan-primary-tfstate-111122223333", "us-east-2"],
    ["drK8s", "titan-dr-tfstate-111122223333", "us-west-1"],
    // The edge must stay changeable while the primary region is down.
    ["global", "titan-dr-tfstate-111122223333", "us-west-1"],
    ["crossRegion", "titan-primary-tfstate-111122223333", "us-east-2"],
  ] as const)("%s keeps state in %s (%s), one key per stack, locked and encrypted", (name, bucket, region) => {
    const stack = stacks[name];
    expect(synthJson(stack).terraform.backend).toEqual({
      s3: { bucket, region, key: `titan/${stack.node.id}/terraform.tfstate`, encrypt: true, use_lockfile: true },
    });
  });

  test.each(["statePrimary", "stateDr"] as const)("%s keeps its state locally", (name) => {
    expect(synthJson(stacks[name]).terraform.backend).toBeUndefined();
  });

  it("names the design's seven stacks, plus the cross-region wiring", () => {
    expect(Object.values(stacks).map((stack) => stack.node.id)).toEqual([
      "state-primary",
      "state-dr",
      "primary",
      "dr",
      "primary-k8s",
      "dr-k8s",
      "global",
      "cross-region",
    ]);
  });

  test.each([
    ["primary", ["state-primary"]],
    ["dr", ["state-dr", "primary"]],
    ["primaryK8s", ["primary"]],
    ["drK8s", ["dr"]],
    ["global", ["primary", "dr"]],
    ["crossRegion", ["primary", "dr"]],
    ["statePrimary", []],
    ["stateDr", []],
  ] as const)("%s depends on %p", (name, dependencies) => {
    expect(stacks[name].dependencies.map((stack) => stack.node.id)).toEqual(dependencies);
  });

  it("DEPLOY_ORDER lists every stack, the optional ci stack included, after the stacks it depends on", () => {
    const app = buildApp(testConfig({ ci: { githubRepository: "octo-org/titan" } })).primary.node.root;
    const all = app.node.children.filter((child): child is TerraformStack => child instanceof TerraformStack);
    const order: readonly string[] = DEPLOY_ORDER;
    expect(all.map((stack) => stack.node.id).sort()).toEqual([...order].sort());
    const misordered = all.flatMap((stack) =>
      stack.dependencies
        .filter((dependency) => order.indexOf(dependency.node.id) > order.indexOf(stack.node.id))
        .map((dependency) => `${stack.node.id} before ${dependency.node.id}`),
    );
    expect(misordered).toEqual([]);
  });

  test.each([
    ["primary", "us-east-2"],
    ["dr", "us-west-1"],
    ["primaryK8s", "us-east-2"],
    ["drK8s", "us-west-1"],
  ] as const)("%s provisions in %s", (name, region) => {
    expect(synthJson(stacks[name]).provider?.aws?.[0]).toMatchObject({ region });
  });

  it("global provisions in us-east-1 only: CloudFront's region, and nothing in either app region", () => {
    const providers = synthJson(stacks.global).provider?.aws ?? [];
    expect(providers.map((provider) => [provider.alias, provider.region])).toEqual([[undefined, "us-east-1"]]);
  });

  it("k8s stacks reach their cluster with exec auth, looked up by name", () => {
    const json = synthJson(stacks.drK8s);
    expect(json.data?.aws_eks_cluster).toEqual({ Cluster: { name: "titan-dr-eks" } });
    expect(json.provider?.kubernetes?.[0]).toMatchObject({
      exec: [
        {
          command: "aws",
          args: ["eks", "get-token", "--cluster-name", "titan-dr-eks", "--region", "us-west-1", "--output", "json"],
        },
      ],
    });
    expect(Object.keys(json.terraform.required_providers).sort()).toEqual(["aws", "helm", "kubernetes"]);
  });
});
