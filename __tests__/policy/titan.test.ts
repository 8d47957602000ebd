import type { TerraformStack } from "cdktf";
import { TerraformResource } from "cdktf";
import type { TitanStacks } from "../../src/app";
import { checkPolicy, contextFromStackJson, formatFinding, type PolicyReport, TITAN_RULES } from "../../src/policy";
import { RenderedResources } from "../../src/policy/rendered";
import { buildApp, synthJson, testConfig } from "../support/synth";

const PRIVILEGED_REASON = "docker build needs the Docker daemon which only privileged mode provides";
const KEY_ROOT_REASON =
  'in a key policy Resource "*" means this key only; the root statement is the AWS default key policy that delegates to IAM, without which the key becomes unmanageable';

/**
 * Rules guarding resource types titan does not create (yet): they are proven on fixtures only, and
 * this list says so out loud. A rule leaves it the day a stack renders its type.
 */
const RULES_WITHOUT_TITAN_RESOURCES: Readonly<Record<string, string>> = {
  "TITAN-VPC-2": "titan references AWS-managed prefix lists only; it creates no customer-managed one",
};

function stacksOf(titan: TitanStacks): TerraformStack[] {
  return Object.values(titan);
}

/** Every verdict of every rule on every synthesized resource of the app, as "<rule> <status>". */
function verdicts(titan: TitanStacks): Set<string> {
  const seen = new Set<string>();
  for (const stack of stacksOf(titan)) {
    const json = synthJson(stack);
    const context = contextFromStackJson(json);
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const { "//": _metadata, ...attributes } of Object.values(byName)) {
        for (const rule of TITAN_RULES.filter((candidate) => candidate.resourceTypes.includes(type))) {
          seen.add(`${rule.id} ${rule.check({ type, attributes }, context).status}`);
        }
      }
    }
  }
  return seen;
}

describe("titan's stacks under the policy pack", () => {
  describe.each([
    ["the default config", {}],
    ["web.runtime ec2 with spot nodes", { web: { runtime: "ec2" }, kubernetes: { spot: { enabled: true } } }],
  ])("given %s", (_name, overrides) => {
    const titan = buildApp(testConfig(overrides));
    const report: PolicyReport = checkPolicy(titan.primary.node.root);

    it("has no unsuppressed finding in any stack", () => {
      expect(report.violations.map(formatFinding)).toEqual([]);
    });

    it("lists the image build's privileged mode and each key's root statement (both regions', the edge's) as the suppressions, with reasons", () => {
      const keyRoot = (stack: string, key = "DataKey") =>
        expect.objectContaining({
          ruleId: "TITAN-IAM-1",
          constructPath: `${stack}/${key}/Resource`,
          resourceType: "aws_kms_key",
          message: expect.stringMatching(/statement AccountAdministersAndDelegatesToIam allows kms:\* on "\*"/),
          suppression: { ruleId: "TITAN-IAM-1", reason: KEY_ROOT_REASON, constructPath: `${stack}/${key}/Resource` },
        });
      expect(report.suppressed).toEqual([
        keyRoot("primary"),
        expect.objectContaining({
          ruleId: "TITAN-CB-1",
          constructPath: "primary/ImageBuild/Resource",
          resourceType: "aws_codebuild_project",
          message: expect.stringMatching(/^environment\.privileged_mode is true/),
          suppression: {
            ruleId: "TITAN-CB-1",
            reason: PRIVILEGED_REASON,
            constructPath: "primary/ImageBuild/Resource",
          },
        }),
        keyRoot("dr"),
        keyRoot("global", "EdgeKey"),
      ]);
    });

    it("finds a compliant resource for every rule: each rule reads attributes our stacks really render", () => {
      const seen = verdicts(titan);
      for (const rule of TITAN_RULES.filter((r) => RULES_WITHOUT_TITAN_RESOURCES[r.id] === undefined)) {
        expect(seen).toContain(`${rule.id} compliant`);
      }
      for (const id of Object.keys(RULES_WITHOUT_TITAN_RESOURCES)) {
        expect([...seen].filter((verdict) => verdict.startsWith(`${id} `))).toEqual([]);
      }
    });
  });

  it("judges each resource exactly as it is synthesized into cdk.tf.json", () => {
    const titan = buildApp();
    const rendered = new RenderedResources();
    let compared = 0;
    for (const stack of stacksOf(titan)) {
      const synthesized = synthJson(stack).resource ?? {};
      for (const resource of stack.node.findAll().filter((node) => TerraformResource.isTerraformResource(node))) {
        compared++;
        const { "//": _metadata, ...expected } =
          synthesized[resource.terraformResourceType]?.[resource.friendlyUniqueId] ?? {};
        expect(rendered.of(resource)).toEqual({ type: resource.terraformResourceType, attributes: expected });
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it("annotates the suppression for reviewers, and no error, when the app synthesizes", () => {
    const titan = buildApp();
    const app = titan.primary.node.root;
    for (const stack of stacksOf(titan)) synthJson(stack);
    const annotations = app.node
      .findAll()
      .flatMap((node) => node.node.metadata.filter((entry) => entry.type.startsWith("@cdktf/")))
      .map((entry) => `${entry.type} ${entry.data}`);
    const keyRoot = `@cdktf/info [TITAN-IAM-1] suppressed: ${KEY_ROOT_REASON} (rule: IAM and key policies grant no "*" or "service:*" action on "*", and no admin managed policy)`;
    expect(annotations.sort()).toEqual(
      [
        keyRoot,
        `@cdktf/info [TITAN-CB-1] suppressed: ${PRIVILEGED_REASON} (rule: CodeBuild projects do not run in privileged mode)`,
        keyRoot,
        keyRoot,
      ].sort(),
    );
  });
});
