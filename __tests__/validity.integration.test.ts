import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { TerraformStack, Testing } from "cdktf";
import { CI_STACK_ID } from "../src/app";
import { CiStack } from "../src/stacks/ci-stack";
import { CrossRegionStack } from "../src/stacks/cross-region-stack";
import { GlobalStack } from "../src/stacks/global-stack";
import { RegionalStack } from "../src/stacks/regional/regional-stack";
import { StateStack } from "../src/stacks/state-stack";
import { primaryDataServices } from "./modules/cache/data-services-fixture";
import { computeStack } from "./modules/compute/validity-fixture";
import { primaryDatabaseStack } from "./modules/database/global-database-fixture";
import { deliveryStack } from "./modules/delivery/validity-fixture";
import { edgeStack } from "./modules/edge/validity-fixture";
import { networkStack } from "./modules/network/validity-fixture";
import { observabilityStack } from "./modules/observability/validity-fixture";
import { webStack } from "./modules/web/validity-fixture";
import { testConfig } from "./support/synth";
import { errorsOf, type ValidateReport, validateTogether } from "./support/validate-together";

/**
 * Every stack that uses only the AWS provider, in every variant worth checking, and every module
 * fixture, passes `terraform validate` against the real provider schema, in one Terraform run
 * (support/validate-together.ts: each is a child module of one root, so the provider's schema is
 * loaded once). Test instances use a local backend; the `*-k8s` stacks are left out (their
 * providers cannot be installed offline: see k8s-stack.test.ts).
 */
function regional(role: "primary" | "dr", runtime: "eks" | "ec2"): TerraformStack {
  return new RegionalStack(Testing.app(), role, { config: testConfig({ web: { runtime } }), role, backend: "local" });
}

/** A stack with a mistake the schema catches: proves one stack's error is reported under its name. */
function brokenStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "broken");
  new AwsProvider(stack, "aws", { region: "us-east-2" });
  new S3Bucket(stack, "Bucket", { bucket: "titan-validity-canary" }).addOverride("no_such_argument", true);
  return stack;
}

const STACKS: Readonly<Record<string, () => TerraformStack>> = {
  "primary-eks": () => regional("primary", "eks"),
  "dr-eks": () => regional("dr", "eks"),
  "primary-ec2": () => regional("primary", "ec2"),
  "dr-ec2": () => regional("dr", "ec2"),
  global: () => new GlobalStack(Testing.app(), "global", { config: testConfig(), backend: "local" }),
  "global-every-option": () =>
    new GlobalStack(Testing.app(), "global", {
      config: testConfig({
        edge: {
          shieldAdvanced: true,
          waf: { anonymousIpList: true },
          healthCheck: { requestIntervalSeconds: 30 },
          cloudFront: { cachedPaths: [] },
        },
      }),
      backend: "local",
    }),
  "cross-region": () => new CrossRegionStack(Testing.app(), "cross-region", { config: testConfig(), backend: "local" }),
  "state-primary": () =>
    new StateStack(Testing.app(), "state-primary", {
      config: testConfig({ bucketSuffix: "111122223333" }),
      role: "primary",
    }),
  "state-dr": () =>
    new StateStack(Testing.app(), "state-dr", { config: testConfig({ bucketSuffix: "111122223333" }), role: "dr" }),
  ci: () =>
    new CiStack(Testing.app(), CI_STACK_ID, {
      config: testConfig({ ci: { githubRepository: "octo-org/titan" } }),
      backend: "local",
    }),
  "module-compute": computeStack,
  "module-database": primaryDatabaseStack,
  "module-data-services": primaryDataServices,
  "module-delivery": deliveryStack,
  "module-edge": edgeStack,
  "module-network": networkStack,
  "module-observability": observabilityStack,
  "module-web-generation-1": () => webStack(1),
  "module-web-generation-2": () => webStack(2),
  canary: brokenStack,
};

let report: ValidateReport;

beforeAll(() => {
  report = validateTogether(Object.fromEntries(Object.entries(STACKS).map(([name, build]) => [name, build()])));
});

describe("terraform validate, every AWS-only stack and module fixture in one run", () => {
  test.each(Object.keys(STACKS).filter((name) => name !== "canary"))("%s is valid Terraform", (name) => {
    expect(errorsOf(report[name])).toEqual([]);
  });

  it("reports a mistake in one stack under that stack's name, so the shared run can fail", () => {
    expect(errorsOf(report.canary)).toEqual([
      expect.stringMatching(/^Extraneous JSON object property: .*no_such_argument/),
    ]);
  });
});
