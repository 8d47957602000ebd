import { Testing } from "cdktf";
import { CI_STACK_ID } from "../../src/app";
import { APPLY_SERVICES_BY_TYPE, servicesForType } from "../../src/modules/ci/ci-permissions";
import type { CiStack } from "../../src/stacks/ci-stack";
import { ADDRESS_VARIANTS } from "../../src/tooling/addresses";
import { planOffline, synthesizeStack } from "../support/offline-terraform";
import { buildApp, type SynthesizedStack, testConfig } from "../support/synth";

const CI = { ci: { githubRepository: "octo-org/titan" } };

/** Every AWS resource type the app renders, over every address variant, teardown and the ci stack. */
function resourceTypesTitanSynthesizes(): Set<string> {
  // Every switch that adds resource types: the address variants, teardown, Shield Advanced and a failed-over DR.
  const switches = [
    { teardown: true },
    { edge: { shieldAdvanced: true, waf: { anonymousIpList: true } } },
    { dr: { activeRole: "dr" } },
  ];
  const configs = [...Object.values(ADDRESS_VARIANTS), ...switches].map((o) => testConfig({ ...o, ...CI }));
  const types = new Set<string>();
  for (const config of configs) {
    for (const stack of buildApp(config).primary.node.root.node.children) {
      const rendered = JSON.parse(Testing.synth(stack as CiStack)) as SynthesizedStack;
      for (const type of Object.keys(rendered.resource ?? {}).filter((t) => t.startsWith("aws_"))) {
        types.add(type);
      }
    }
  }
  return types;
}

describe("the ci stack, over every config that adds resource types, and planned", () => {
  it("can manage every resource type titan synthesizes: the apply role's services follow the stacks", () => {
    const types = resourceTypesTitanSynthesizes();
    expect(types.size).toBeGreaterThan(50);
    expect([...types].filter((type) => servicesForType(type) === undefined)).toEqual([]);
    expect(APPLY_SERVICES_BY_TYPE.length).toBeGreaterThan(20);
  });

  it("plans offline against the AWS stub, creating the provider, both roles, their policies and the boundary", async () => {
    const stack = synthesizeStack(
      { ci: { githubRepository: "octo-org/titan" } },
      (stacks) => stacks.primary.node.root.node.findChild(CI_STACK_ID) as CiStack,
    );
    const { outcome } = await planOffline(stack);
    expect(outcome).toMatchObject({ result: "planned", counts: { add: 7, change: 0, destroy: 0 } });
  });
});
